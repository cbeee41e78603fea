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
            // The scan names its rule; one this version's catalog does not declare is a plain secret finding.
            let scanned = finding["rule"] as? String ?? ""
            let rule =
                scanned.hasPrefix(controlID + ".") && policy.catalogSeverities[scanned] != nil
                ? scanned : "C06.plaintext-secret"
            let detector = finding["detector"] as? String
            findings.append(
                policy.finding(
                    rule,
                    object: ref,
                    message:
                        "A secret value (\(finding["length"] as? Int ?? 0) characters, \(finding["fingerprint"] as? String ?? "")) "
                        + "sits in plain text at \(finding["field"] as? String ?? "?"); found by \(Self.describe(detector))."
                        + (rule == scanned || scanned.isEmpty ? "" : " (scan rule \(scanned))"),
                    detector: detector
                )
            )
        }
        let stores = (evidence.items("C06b") ?? []) + (evidence.items("C06c") ?? [])
        let storesReadable = ["C06b", "C06c"].allSatisfy { [.ok, .notInstalled].contains(evidence.state($0).status) }
        if stores.isEmpty && storesReadable {
            findings.append(
                policy.finding(
                    "C06.no-secret-store",
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
                policy.finding(
                    "C06.externalsecret-not-ready",
                    object: K8s.ref(external, kind: "ExternalSecret"),
                    message: "ExternalSecret \(K8s.namespace(external) ?? "")/\(K8s.name(external)) is not Ready: "
                        + "its Secret is stale or missing."
                )
            )
        }
        return ControlResult(id: controlID, findings: findings)
    }

    /// The scan's detector in words: `name:PASSWORD` → the name rule PASSWORD (the name matched the pattern),
    /// `value:jwt` → the value rule jwt (the value has that format), `field` → a credential field.
    static func describe(_ detector: String?) -> String {
        guard let detector else { return "a detector the scan did not record (a package from an older version)" }
        if detector == "field" { return "the field rule (a field that holds credentials by definition)" }
        if detector.hasPrefix("name:") {
            return "the name rule \(detector.dropFirst(5)) (the name matched; the value is not clearly harmless)"
        }
        if detector.hasPrefix("value:") { return "the value rule \(detector.dropFirst(6)) (the value has that format)" }
        return "detector \(detector)"
    }
}
