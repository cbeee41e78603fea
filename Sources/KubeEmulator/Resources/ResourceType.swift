import Foundation

/// One API resource type (e.g. `networkpolicies` in `networking.k8s.io`), as discovery describes it.
struct ResourceType: Sendable, Hashable {
    /// A subresource such as `pods/log`, listed in discovery next to its parent.
    struct Subresource: Sendable, Hashable {
        var name: String
        var kind: String
        var verbs: [String]
    }

    /// The API group; "" for the core group.
    var group: String
    /// The versions served, preferred first.
    var versions: [String]
    /// The plural resource name used in URLs.
    var resource: String
    var singular: String
    var kind: String
    var namespaced: Bool
    var shortNames: [String] = []
    var categories: [String] = []
    var verbs: [String] = ResourceType.readWriteVerbs
    var subresources: [Subresource] = []
    /// Defined by a CustomResourceDefinition (list items keep `apiVersion`/`kind`, like the real server).
    var isCustom = false

    static let readWriteVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
    static let createOnly = ["create"]

    /// The storage key of this type: "group/resource".
    var key: String { "\(group)/\(resource)" }

    /// "resource.group", or "resource" for the core group — how Kubernetes names a type in messages.
    var qualifiedName: String { group.isEmpty ? resource : "\(resource).\(group)" }

    /// The preferred version.
    var preferredVersion: String { versions.first ?? "v1" }

    /// "group/version" (or "version" for the core group) for `version`.
    func groupVersion(_ version: String) -> String {
        group.isEmpty ? version : "\(group)/\(version)"
    }
}
