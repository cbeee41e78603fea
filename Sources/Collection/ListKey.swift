import AuditPackCore
import Foundation
import KubeAPI

/// What to list, independent of which control asks.
public struct ListKey: Hashable, Sendable {
    public var group: String
    public var resource: String
    public var versions: [String]
    public var namespace: String?
    public var labelSelector: String?

    public init(
        group: String,
        resource: String,
        versions: [String] = [],
        namespace: String? = nil,
        labelSelector: String? = nil
    ) {
        self.group = group
        self.resource = resource
        self.versions = versions
        self.namespace = namespace
        self.labelSelector = labelSelector
    }

    var fileStem: String {
        [group.isEmpty ? "core" : group, resource, namespace ?? "all", labelSelector ?? "-"]
            .joined(separator: "_").map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" }
            .reduce(into: "") { $0.append($1) }
    }

    /// The kubectl command for this list, before discovery has told the version.
    var kubectlCommand: String {
        ListQuery(
            APIResource(group: group, version: versions.first ?? "v1", name: resource, kind: "", namespaced: true),
            namespace: namespace,
            labelSelector: labelSelector
        ).kubectlCommand
    }
}
