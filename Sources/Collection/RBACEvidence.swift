import AuditPackCore
import Foundation
import KubeAPI

/// The brief's view of RBAC, derived from C03a–C03d with the same functions the C03 evaluator uses:
/// C03e keeps the bindings' non-system subjects, C03f says what each non-system subject can actually do.
enum RBACEvidence {
    static let group = "rbac.authorization.k8s.io"

    /// C03e: bindings with their system subjects removed (`RBACSubjectPolicy` decides, by subject).
    static func nonSystemBindings(_ context: ItemContext) async throws -> ItemOutcome {
        let policy = RBACSubjectPolicy(context.control)
        let clusterBindings = try await context.fetch(ListKey(group: group, resource: "clusterrolebindings")).get()
        let bindings = try await context.fetch(ListKey(group: group, resource: "rolebindings")).get()
        // Text that can only be in a binding with a system subject: without any of it, a binding is kept as it
        // is, unparsed.
        let markers = policy.systemPrefixes + policy.systemServiceAccountNamespaces.map { "\"\($0)\"" }
        var writer = try ListFileWriter(url: context.file)
        try writer.begin(apiVersion: "v1", kind: "List", resourceVersion: "")
        for (file, kind) in [(clusterBindings.file, "ClusterRoleBinding"), (bindings.file, "RoleBinding")] {
            var items = ListFileReader(url: file).makeIterator()
            while let bytes = items.nextBytes() {
                guard bytes.withUnsafeBytes({ raw in markers.contains { ByteScan(raw).find($0) != nil } }) else {
                    try writer.append(ListItem(bytes: bytes, kind: kind))
                    continue
                }
                guard let binding = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any],
                    let kept = withoutSystem(binding, policy: policy)
                else { continue }
                try writer.append(object: kept)
            }
        }
        let written = try writer.finish()
        return ItemOutcome(
            status: .ok,
            command: "kubectl get clusterrolebindings,rolebindings -A -o json  # then drop system subjects",
            itemCount: written.items,
            derivedFrom: ["C03a", "C03b"],
            digest: FileDigest(sha256: written.sha256, size: written.bytes)
        )
    }

    /// The binding with its system subjects removed, or nil when no subject remains. The binding's name plays
    /// no part: anyone who can write RBAC can name a binding `system:…`.
    static func withoutSystem(_ binding: [String: Any], policy: RBACSubjectPolicy) -> [String: Any]? {
        let namespace = (binding["metadata"] as? [String: Any])?["namespace"] as? String
        let subjects = (binding["subjects"] as? [[String: Any]] ?? []).filter { subject in
            !policy.isSystem(
                policy.subject(
                    kind: subject["kind"] as? String,
                    name: subject["name"] as? String,
                    namespace: subject["namespace"] as? String,
                    bindingNamespace: namespace
                )
            )
        }
        guard !subjects.isEmpty else { return nil }
        var kept = binding
        kept["subjects"] = subjects
        return kept
    }

    /// C03f: every non-system subject's permissions that matter, by scope, with the bindings and roles that
    /// grant them; then the bindings whose role does not exist (they grant nothing).
    static func effectivePermissions(_ context: ItemContext) async throws -> ItemOutcome {
        let policy = RBACSubjectPolicy(context.control)
        let clusterBindings = try await context.fetch(ListKey(group: group, resource: "clusterrolebindings")).get()
        let bindings = try await context.fetch(ListKey(group: group, resource: "rolebindings")).get()
        let clusterRoles = try await context.fetch(ListKey(group: group, resource: "clusterroles")).get()
        let roles = try await context.fetch(ListKey(group: group, resource: "roles")).get()
        let decoder = JSONDecoder()
        var index = RBACRoleIndex()
        forEach(clusterRoles.file, as: RBACRole.self, decoder) { index.addClusterRole($0) }
        forEach(roles.file, as: RBACRole.self, decoder) { index.addRole($0) }
        index.resolve()
        var effective = EffectivePermissions(policy: policy)
        for file in [clusterBindings.file, bindings.file] {
            forEach(file, as: RBACBinding.self, decoder) { effective.add($0, roles: index) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var writer = try ListFileWriter(url: context.file)
        try writer.begin(apiVersion: "v1", kind: "List", resourceVersion: "")
        for subject in effective.bySubject {
            try writer.append(ListItem(bytes: try encoder.encode(subject), kind: subject.kind))
        }
        for binding in effective.unresolvedByName {
            try writer.append(ListItem(bytes: try encoder.encode(binding), kind: binding.kind))
        }
        let written = try writer.finish()
        return ItemOutcome(
            status: .ok,
            command: "kubectl get clusterrolebindings,rolebindings,clusterroles,roles -A -o json  "
                + "# then follow each non-system subject's bindings to its roles' rules",
            itemCount: written.items,
            derivedFrom: ["C03a", "C03b", "C03c", "C03d"],
            digest: FileDigest(sha256: written.sha256, size: written.bytes)
        )
    }

    /// Decodes each item of a collected list file as `T` (items that do not decode are skipped).
    static func forEach<T: Decodable>(_ file: URL, as type: T.Type, _ decoder: JSONDecoder, _ body: (T) -> Void) {
        var items = ListFileReader(url: file).makeIterator()
        while let bytes = items.nextBytes() {
            if let item = try? decoder.decode(type, from: bytes) { body(item) }
        }
    }
}
