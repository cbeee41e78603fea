import Foundation

/// One resource type the server serves (an entry of an APIResourceList).
public struct APIResource: Sendable, Equatable, Hashable {
    public var group: String
    public var version: String
    /// Plural name, as in the URL.
    public var name: String
    public var kind: String
    public var namespaced: Bool
    public var verbs: [String]

    public init(
        group: String,
        version: String,
        name: String,
        kind: String,
        namespaced: Bool,
        verbs: [String] = ["get", "list"]
    ) {
        self.group = group
        self.version = version
        self.name = name
        self.kind = kind
        self.namespaced = namespaced
        self.verbs = verbs
    }

    /// `v1` or `group/version`.
    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `/api/v1` or `/apis/group/version`.
    public var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// `pods` or `certificates.cert-manager.io`, as kubectl names it.
    public var qualifiedName: String { group.isEmpty ? name : "\(name).\(group)" }

    /// The collection path, across all namespaces when `namespace` is nil.
    public func path(namespace: String? = nil) -> String {
        if let namespace, namespaced { return "\(groupVersionPath)/namespaces/\(namespace)/\(name)" }
        return "\(groupVersionPath)/\(name)"
    }
}
