import AuditPackCore
import Foundation

/// C02: every kube-apiserver runs with --encryption-provider-config.
struct EncryptionAtRest: ControlEvaluator {
    let controlID = "C02"

    func evaluate(_ evidence: EvidenceSet, policy: EvaluationPolicy, now: Date) -> ControlResult {
        if let missing = evidence.missing(["C02"]) { return .notAssessed(controlID, reason: missing) }
        guard let pods = APIServerPods.flags(evidence), !pods.isEmpty else {
            return .notAssessed(controlID, reason: "no kube-apiserver pod in the evidence (managed control plane?)")
        }
        let findings = pods.compactMap { pod -> Finding? in
            guard APIServerFlags.value(of: "--encryption-provider-config", in: pod.arguments) == nil else { return nil }
            return policy.finding(
                "C02.encryption-provider-config-missing",
                object: pod.ref,
                message:
                    "\(pod.ref.name) runs without --encryption-provider-config: Secrets are stored unencrypted in etcd."
            )
        }
        return ControlResult(id: controlID, findings: findings)
    }
}
