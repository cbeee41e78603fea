import Foundation

/// A rule that refuses requests with 403 Forbidden, the way RBAC would.
///
/// `"*"` in `verb`, `group` or `resource` matches anything. A subresource is written "pods/log".
public struct Denial: Sendable, Equatable, Hashable {
    /// The user the rule applies to; `nil` applies to everyone.
    public var user: String?
    /// The Kubernetes verb: get, list, watch, create, ...
    public var verb: String
    /// The API group; "" is the core group.
    public var group: String
    /// The resource (plural), e.g. "networkpolicies", or "pods/log" for a subresource.
    public var resource: String
    /// The namespace the rule applies to; `nil` applies to every namespace and to the cluster scope.
    public var namespace: String?

    /// Creates a rule.
    public init(user: String? = nil, verb: String, group: String, resource: String, namespace: String? = nil) {
        self.user = user
        self.verb = verb
        self.group = group
        self.resource = resource
        self.namespace = namespace
    }

    func matches(user name: String, verb: String, group: String, resource: String, namespace: String?) -> Bool {
        if let user, user != name { return false }
        if self.verb != "*" && self.verb != verb { return false }
        if self.group != "*" && self.group != group { return false }
        if self.resource != "*" && self.resource != resource { return false }
        if let required = self.namespace, required != namespace { return false }
        return true
    }
}
