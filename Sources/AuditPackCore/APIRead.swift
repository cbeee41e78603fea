import Foundation

/// One thing collection reads from the Kubernetes API: verbs on a resource type (or on discovery URLs).
/// Declared in the catalog (`source_kinds.<kind>.reads`, `run_reads`); see ``Catalog/reads(of:)``.
public struct APIRead: Sendable, Codable, Equatable, Hashable {
    /// Kubernetes verbs: `list`, `get`, or `create` for the review APIs.
    public var verbs: [String]
    /// The API group ("" is core); nil takes the item's source group.
    public var group: String?
    /// The plural resource, `"*"` for every type the group serves, or `"pods/log"` for a subresource;
    /// nil takes the item's source resource.
    public var resource: String?
    /// Versions to prefer when discovering the type (from the item's source).
    public var versions: [String]?
    /// The only namespace read; nil reads across all namespaces (or a cluster-scoped type).
    public var namespace: String?
    public var labelSelector: String?
    /// The only objects read (`get` of these names).
    public var resourceNames: [String]?
    /// Discovery paths (`/version`, `/apis/*`), read with `get`; no group or resource then.
    public var nonResourceURLs: [String]?
    /// What a run-level read is for (run reads only; items name themselves).
    public var serves: String?
    /// True when a type that is not served leaves nothing to read rather than a gap (the secret scan's
    /// custom resources: a cluster without External Secrets has no credential fields of it).
    public var optional: Bool?

    public init(
        verbs: [String],
        group: String? = nil,
        resource: String? = nil,
        versions: [String]? = nil,
        namespace: String? = nil,
        labelSelector: String? = nil,
        resourceNames: [String]? = nil,
        nonResourceURLs: [String]? = nil,
        serves: String? = nil
    ) {
        self.verbs = verbs
        self.group = group
        self.resource = resource
        self.versions = versions
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.resourceNames = resourceNames
        self.nonResourceURLs = nonResourceURLs
        self.serves = serves
    }

    enum CodingKeys: String, CodingKey {
        case verbs, group, resource, versions, namespace, serves, optional
        case labelSelector = "label_selector"
        case resourceNames = "resource_names"
        case nonResourceURLs = "non_resource_urls"
    }

    /// The resource without its subresource: `pods` for `pods/log`.
    public var baseResource: String {
        String((resource ?? "").split(separator: "/", maxSplits: 1).first ?? "")
    }

    /// The subresource, e.g. `log` for `pods/log`.
    public var subresource: String? {
        let parts = (resource ?? "").split(separator: "/", maxSplits: 1)
        return parts.count == 2 ? String(parts[1]) : nil
    }

    /// `pods/log`, `networkpolicies.networking.k8s.io`: the type as kubectl names it.
    public var qualifiedResource: String {
        let name = resource ?? ""
        guard let group, !group.isEmpty else { return name }
        return "\(name).\(group)"
    }
}
