import AuditPackCore
import Foundation
import KubeAPI

/// Plaintext-secret scan: Secrets' last-applied annotations holding data, literal secret-looking env values
/// in pods and pod templates, secret-looking ConfigMap keys. The redactor finds them while lists stream;
/// this item reports the locations, lengths and fingerprints — never a value.
enum SecretScanEvidence {
    static let scanned: [ListKey] = [
        ListKey(group: "", resource: "secrets"), ListKey(group: "", resource: "configmaps"),
        ListKey(group: "", resource: "pods"), ListKey(group: "apps", resource: "deployments"),
        ListKey(group: "apps", resource: "statefulsets"), ListKey(group: "apps", resource: "daemonsets"),
        ListKey(group: "apps", resource: "replicasets"), ListKey(group: "batch", resource: "jobs"),
        ListKey(group: "batch", resource: "cronjobs"),
        // Custom resources and webhooks with credential fields (the same keys C06 and C09 list, so shared).
        ListKey(group: "external-secrets.io", resource: "externalsecrets", versions: ["v1", "v1beta1"]),
        ListKey(group: "external-secrets.io", resource: "secretstores", versions: ["v1", "v1beta1"]),
        ListKey(group: "external-secrets.io", resource: "clustersecretstores", versions: ["v1", "v1beta1"]),
        ListKey(group: "kyverno.io", resource: "clusterpolicies"), ListKey(group: "kyverno.io", resource: "policies"),
        ListKey(group: "admissionregistration.k8s.io", resource: "validatingwebhookconfigurations"),
        ListKey(group: "admissionregistration.k8s.io", resource: "mutatingwebhookconfigurations"),
    ]

    static func collect(_ context: ItemContext) async throws -> ItemOutcome {
        var requests: [Manifest.RequestRecord] = []
        var sources: [[String: Any]] = []
        var problems: [String] = []
        // Fetch all lists at once (each is shared with other controls); report them in a fixed order.
        let lists = context.lists
        let fetched = await withTaskGroup(of: (Int, ListFetch).self) { group in
            for (index, key) in scanned.enumerated() {
                group.addTask { (index, await lists.fetch(key)) }
            }
            var results: [(Int, ListFetch)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var kinds = Set<String>()
        for (key, fetch) in zip(scanned, fetched) {
            switch fetch {
            case .fetched(_, let summary, let type, _, _):
                requests.append(ItemOutcome.request(summary))
                kinds.insert(type.kind)
                sources.append(["resource": type.qualifiedName, "status": "ok", "items": summary.items])
            case .failed(let status, let note, _):
                // A custom resource that is not installed holds nothing to scan.
                if status != .notInstalled { problems.append(note) }
                let qualified = key.group.isEmpty ? key.resource : "\(key.resource).\(key.group)"
                sources.append(["resource": qualified, "status": status.rawValue, "reason": note])
            }
        }
        // Only the kinds scanned here: other controls' lists may still be streaming, and the file must not
        // depend on which finished first.
        let findings = context.redactor.findings.filter { kinds.contains($0.kind) }.map { finding -> [String: Any] in
            [
                "rule": finding.rule, "kind": finding.kind, "namespace": finding.namespace ?? NSNull(),
                "name": finding.name, "field": finding.field, "detector": finding.detector, "length": finding.length,
                "fingerprint": finding.fingerprint,
            ]
        }
        try context.writeJSON([
            "fingerprint": "HMAC-SHA256 under a key that existed only during this run: equal values share a "
                + "fingerprint within this package; values cannot be recovered or tested",
            "patterns": context.threshold("secret_name_patterns") ?? [],
            "value_rules": SecretValueRules.names,
            "detector": "name:<pattern> — the name matched a pattern and the value is not clearly harmless (a path, "
                + "boolean, small number, reference); value:<rule> — the value has a well-known secret format "
                + "(gitleaks / trufflehog rules); field — a field that holds credentials by definition",
            "scanned": sources,
            "findings": findings,
        ])
        return ItemOutcome(
            status: problems.isEmpty ? .ok : .error,
            command:
                "kubectl get secrets,configmaps,pods,deployments,statefulsets,daemonsets,replicasets,jobs,cronjobs,"
                + "externalsecrets,secretstores,clustersecretstores,clusterpolicies,policies,"
                + "validatingwebhookconfigurations,mutatingwebhookconfigurations -A -o json  # scanned, values never kept",
            requests: requests,
            itemCount: findings.count,
            note: problems.isEmpty ? nil : "Partly scanned: " + problems.joined(separator: " ")
        )
    }
}
