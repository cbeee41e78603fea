import AuditPackCore
import Foundation

/// What to list.
public struct ListQuery: Sendable {
    public var resource: APIResource
    /// nil lists across all namespaces (or a cluster-scoped type).
    public var namespace: String?
    public var labelSelector: String?
    public var fieldSelector: String?

    public init(
        _ resource: APIResource,
        namespace: String? = nil,
        labelSelector: String? = nil,
        fieldSelector: String? = nil
    ) {
        self.resource = resource
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
    }

    /// The `kubectl get` command an auditor would type for the same data.
    public var kubectlCommand: String {
        var words = ["kubectl", "get", resource.qualifiedName]
        if resource.namespaced {
            words += namespace.map { ["-n", $0] } ?? ["-A"]
        }
        if let labelSelector { words += ["-l", labelSelector] }
        if let fieldSelector { words += ["--field-selector", fieldSelector] }
        return (words + ["-o", "json"]).joined(separator: " ")
    }
}
