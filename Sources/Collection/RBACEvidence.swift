import AuditPackCore
import Foundation
import KubeAPI

/// The brief's view of RBAC: bindings without `system:` names or subjects, derived from C03a and C03b.
enum RBACEvidence {
    static func nonSystemBindings(_ context: ItemContext) async throws -> ItemOutcome {
        let clusterBindings = try await context.fetch(
            ListKey(group: "rbac.authorization.k8s.io", resource: "clusterrolebindings")
        ).get()
        let bindings = try await context.fetch(ListKey(group: "rbac.authorization.k8s.io", resource: "rolebindings"))
            .get()
        var writer = try ListFileWriter(url: context.file)
        try writer.begin(apiVersion: "v1", kind: "List", resourceVersion: "")
        for (file, kind) in [(clusterBindings.file, "ClusterRoleBinding"), (bindings.file, "RoleBinding")] {
            var items = ListFileReader(url: file).makeIterator()
            while let bytes = items.nextBytes() {
                // Nothing named system: anywhere in the bytes: the binding is kept as it is, unparsed.
                guard bytes.withUnsafeBytes({ ByteScan($0).find("system:") != nil }) else {
                    try writer.append(ListItem(bytes: bytes, kind: kind))
                    continue
                }
                guard let binding = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any],
                    let kept = withoutSystem(binding)
                else { continue }
                try writer.append(object: kept)
            }
        }
        let written = try writer.finish()
        return ItemOutcome(
            status: .ok,
            command:
                "kubectl get clusterrolebindings,rolebindings -A -o json  # then drop system: bindings and subjects",
            itemCount: written.items,
            derivedFrom: ["C03a", "C03b"],
            digest: FileDigest(sha256: written.sha256, size: written.bytes)
        )
    }

    /// The binding with its `system:` subjects removed, or nil when it is a system binding or no subject remains.
    static func withoutSystem(_ binding: [String: Any]) -> [String: Any]? {
        let name = (binding["metadata"] as? [String: Any])?["name"] as? String ?? ""
        guard !name.hasPrefix("system:") else { return nil }
        let subjects = (binding["subjects"] as? [[String: Any]] ?? []).filter { subject in
            !((subject["name"] as? String ?? "").hasPrefix("system:"))
        }
        guard !subjects.isEmpty else { return nil }
        var kept = binding
        kept["subjects"] = subjects
        return kept
    }
}
