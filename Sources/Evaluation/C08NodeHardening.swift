import AuditPackCore
import Foundation

/// C08: kube-bench section 4 (worker nodes): every FAIL is a finding, every WARN a low one.
struct NodeHardening: ControlEvaluator {
    let controlID = "C08"

    func evaluate(_ evidence: EvidenceSet, policy: EvaluationPolicy, now: Date) -> ControlResult {
        if let missing = evidence.missing(["C08"]) { return .notAssessed(controlID, reason: missing) }
        guard let raw = evidence.data("C08"), let report = try? KubeBenchReport.parse(raw) else {
            return .notAssessed(controlID, reason: "C08 is not kube-bench output")
        }
        let section = report.checks.filter { $0.section == "4" }
        guard !section.isEmpty else {
            return .notAssessed(controlID, reason: "the kube-bench output has no section 4 (worker node) results")
        }
        let findings = section.compactMap { check -> Finding? in
            let rule: String
            switch check.status {
            case "FAIL": rule = "C08.kube-bench-fail"
            case "WARN": rule = "C08.kube-bench-warn"
            default: return nil
            }
            let remediation = check.remediation.map { " Remediation: \($0)" } ?? ""
            return policy.finding(
                rule,
                object: ObjectRef(kind: "KubeBenchCheck", name: check.id),
                message: "\(check.id) \(check.description)\(remediation)"
            )
        }
        return ControlResult(id: controlID, findings: findings)
    }
}
