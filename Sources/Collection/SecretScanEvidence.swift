import AuditPackCore
import Foundation
import KubeAPI

/// Plaintext-secret scan: Secrets' last-applied annotations holding data, literal secret-looking env values
/// in pods and pod templates, secret-looking ConfigMap keys, credential fields of External Secrets, policy
/// resources and webhooks. The redactor finds them while lists stream; this item reports the locations,
/// lengths and fingerprints — never a value.
enum SecretScanEvidence {
    /// Scans the lists the catalog declares for `secret-scan`; an item with any list forbidden is forbidden.
    static func collect(_ context: ItemContext) async throws -> ItemOutcome {
        let scanned = context.listKeys
        var requests: [Manifest.RequestRecord] = []
        var sources: [[String: Any]] = []
        var problems: [String] = []
        var statuses: Set<ItemStatus> = []
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
                if status != .notInstalled {
                    problems.append(note)
                    statuses.insert(status)
                }
                let qualified = key.group.isEmpty ? key.resource : "\(key.resource).\(key.group)"
                sources.append(["resource": qualified, "status": status.rawValue, "reason": note])
            }
        }
        let names = scanned.map(\.resource).joined(separator: ",")
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
            "patterns": context.control.names(.c06SecretNamePatterns),
            "value_rules": SecretValueRules.names,
            "detector": "name:<pattern> — the name matched a pattern and the value is not clearly harmless (a path, "
                + "boolean, small number, reference); value:<rule> — the value has a well-known secret format "
                + "(gitleaks / trufflehog rules); field — a field that holds credentials by definition",
            "scanned": sources,
            "findings": findings,
        ])
        return ItemOutcome(
            status: problems.isEmpty ? .ok : statuses.contains(.forbidden) ? .forbidden : .error,
            command: "kubectl get \(names) -A -o json  # scanned, values never kept",
            requests: requests,
            itemCount: findings.count,
            note: problems.isEmpty ? nil : "Partly scanned: " + problems.joined(separator: " ")
        )
    }
}
