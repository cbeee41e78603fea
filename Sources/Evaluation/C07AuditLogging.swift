import AuditPackCore
import Foundation

/// C07: every kube-apiserver writes an audit log (file or webhook) under an audit policy, with retention.
struct AuditLogging: ControlEvaluator {
    let controlID = "C07"

    func evaluate(_ evidence: EvidenceSet, policy: EvaluationPolicy, now: Date) -> ControlResult {
        if let missing = evidence.missing(["C02"]) { return .notAssessed(controlID, reason: missing) }
        guard let pods = APIServerPods.flags(evidence), !pods.isEmpty else {
            return .notAssessed(controlID, reason: "no kube-apiserver pod in the evidence (managed control plane?)")
        }
        let minimumAge = policy.number(.c07MinAuditLogMaxageDays)
        var findings: [Finding] = []
        for pod in pods {
            func flag(_ name: String) -> String? { APIServerFlags.value(of: name, in: pod.arguments) }
            let ref = pod.ref
            let path = flag("--audit-log-path")
            let webhook = flag("--audit-webhook-config-file")
            if path == nil && webhook == nil {
                findings.append(
                    policy.finding(
                        "C07.audit-log-disabled",
                        object: ref,
                        message:
                            "\(ref.name) has neither --audit-log-path nor --audit-webhook-config-file: no audit trail."
                    )
                )
            }
            if flag("--audit-policy-file") == nil {
                findings.append(
                    policy.finding(
                        "C07.audit-policy-missing",
                        object: ref,
                        message: "\(ref.name) has no --audit-policy-file: nothing is audited even with a log path."
                    )
                )
            }
            if path != nil, Double(flag("--audit-log-maxage") ?? "") ?? 0 < minimumAge {
                findings.append(
                    policy.finding(
                        "C07.audit-retention-short",
                        object: ref,
                        message:
                            "\(ref.name) keeps audit logs for fewer than \(Int(minimumAge)) days (--audit-log-maxage)."
                    )
                )
            }
        }
        return ControlResult(id: controlID, findings: findings)
    }
}
