import Foundation

extension ResourceType {
    /// The type a CustomResourceDefinition object defines.
    ///
    /// Reads `spec.group`, `spec.names.{plural,singular,kind,shortNames,categories}`, `spec.scope` and
    /// `spec.versions[].{name,served}`; the versions are ordered by Kubernetes' version priority.
    init(customResourceDefinition object: [String: Any], source: String) throws {
        func invalid(_ reason: String) -> KubeEmulatorError {
            .invalidObject(source: source, reason: "CustomResourceDefinition \(reason)")
        }
        guard let spec = object["spec"] as? [String: Any] else { throw invalid("has no spec") }
        guard let group = spec["group"] as? String, !group.isEmpty else { throw invalid("has no spec.group") }
        guard let names = spec["names"] as? [String: Any], let plural = names["plural"] as? String,
            let kind = names["kind"] as? String
        else { throw invalid("needs spec.names.plural and spec.names.kind") }
        let versionObjects = spec["versions"] as? [[String: Any]] ?? []
        let served = versionObjects.filter { ($0["served"] as? Bool) ?? true }.compactMap { $0["name"] as? String }
        guard !served.isEmpty else { throw invalid("serves no version (spec.versions[].served)") }
        let scope = spec["scope"] as? String ?? "Namespaced"
        guard scope == "Namespaced" || scope == "Cluster" else {
            throw invalid("has spec.scope \(scope); use Namespaced or Cluster")
        }
        let hasStatus = versionObjects.contains { version in
            ((version["subresources"] as? [String: Any])?["status"]) != nil
        }
        self.init(
            group: group,
            versions: VersionPriority.sorted(served),
            resource: plural,
            singular: names["singular"] as? String ?? kind.lowercased(),
            kind: kind,
            namespaced: scope == "Namespaced",
            shortNames: names["shortNames"] as? [String] ?? [],
            categories: names["categories"] as? [String] ?? [],
            subresources: hasStatus
                ? [Subresource(name: "\(plural)/status", kind: kind, verbs: ["get", "patch", "update"])] : [],
            isCustom: true
        )
    }
}
