import AuditPackCore
import Foundation

/// C06: secrets come from an external store, ExternalSecrets sync, and no secret value sits in plain sight.
struct SecretManagement: ControlEvaluator {
    let controlID = "C06"

    func evaluate(_ evidence: EvidenceSet, policy: EvaluationPolicy, now: Date) -> ControlResult {
        if let missing = evidence.missing(["C06d"]) { return .notAssessed(controlID, reason: missing) }
        var findings: [Finding] = []
        for finding in evidence.json("C06d")?["findings"] as? [[String: Any]] ?? [] {
            let ref = ObjectRef(
                kind: finding["kind"] as? String ?? "",
                namespace: finding["namespace"] as? String,
                name: finding["name"] as? String ?? ""
            )
            findings.append(
                Finding(
                    rule: finding["rule"] as? String ?? "C06.plaintext-secret",
                    severity: .high,
                    object: ref,
                    message:
                        "A secret value (\(finding["length"] as? Int ?? 0) characters, \(finding["fingerprint"] as? String ?? "")) "
                        + "sits in plain text at \(finding["field"] as? String ?? "?")."
                )
            )
        }
        let stores = (evidence.items("C06b") ?? []) + (evidence.items("C06c") ?? [])
        let storesReadable = ["C06b", "C06c"].allSatisfy { [.ok, .notInstalled].contains(evidence.state($0).status) }
        if stores.isEmpty && storesReadable {
            findings.append(
                Finding(
                    rule: "C06.no-secret-store",
                    severity: .high,
                    object: ObjectRef(kind: "Cluster", name: "cluster"),
                    message: "No SecretStore or ClusterSecretStore exists"
                        + (evidence.state("C06b").status == .notInstalled ? " (External Secrets is not installed)" : "")
                        + ": secrets are not managed by an external store."
                )
            )
        }
        evidence.forEachItem("C06") { external in
            guard K8s.condition(external, "Ready") != true else { return }
            findings.append(
                Finding(
                    rule: "C06.externalsecret-not-ready",
                    severity: .medium,
                    object: K8s.ref(external, kind: "ExternalSecret"),
                    message: "ExternalSecret \(K8s.namespace(external) ?? "")/\(K8s.name(external)) is not Ready: "
                        + "its Secret is stale or missing."
                )
            )
        }
        return ControlResult(id: controlID, findings: findings)
    }
}
