import Foundation

/// One PolicyRule of a Role or ClusterRole, as the API serves it.
public struct RBACPolicyRule: Sendable, Codable, Equatable {
    public var apiGroups: [String]?
    public var resources: [String]?
    public var verbs: [String]?
    public var resourceNames: [String]?
    public var nonResourceURLs: [String]?

    public init(
        apiGroups: [String]? = nil,
        resources: [String]? = nil,
        verbs: [String]? = nil,
        resourceNames: [String]? = nil,
        nonResourceURLs: [String]? = nil
    ) {
        self.apiGroups = apiGroups
        self.resources = resources
        self.verbs = verbs
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
    }

    /// Whether the rule only names some objects (`resourceNames`).
    public var isNamed: Bool { !(resourceNames ?? []).isEmpty }

    /// Whether the rule allows one of `verbs` on `group`/`resource`[/`subresource`], as the RBAC authorizer
    /// decides: `*` matches any verb, group or resource, `*/sub` any resource's subresource `sub`; a rule with
    /// `resourceNames` never allows `create` or `deletecollection` of the resource itself (the request has no
    /// name yet), only of named objects' subresources.
    public func allows(_ wanted: [String], group: String, resource: String, subresource: String? = nil) -> Bool {
        let groups = apiGroups ?? []
        guard groups.contains("*") || groups.contains(group) else { return false }
        let combined = subresource.map { "\(resource)/\($0)" } ?? resource
        let matchesResource = (resources ?? []).contains { candidate in
            candidate == "*" || candidate == combined
                || (subresource != nil && candidate.hasPrefix("*/") && candidate.dropFirst(2) == subresource!)
        }
        guard matchesResource else { return false }
        let ruleVerbs = verbs ?? []
        return wanted.contains { verb in
            guard ruleVerbs.contains("*") || ruleVerbs.contains(verb) else { return false }
            return !(isNamed && subresource == nil && (verb == "create" || verb == "deletecollection"))
        }
    }

    /// `*` verbs on `*` resources of `*` groups, unnamed: everything the API serves (cluster-admin).
    public var allowsEverything: Bool {
        (apiGroups ?? []).contains("*") && (resources ?? []).contains("*") && (verbs ?? []).contains("*") && !isNamed
    }

    /// A rule about non-resource URLs only (`/healthz`, `/version`).
    public var isNonResourceOnly: Bool {
        (resources ?? []).isEmpty && !(nonResourceURLs ?? []).isEmpty
    }
}
