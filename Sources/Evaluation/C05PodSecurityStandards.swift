import AuditPackCore
import Foundation

/// C05: every namespace enforces a Pod Security Standard; `privileged` only where the allow-list says.
struct PodSecurityStandards: ControlEvaluator {
    let controlID = "C05"

    func evaluate(_ evidence: EvidenceSet, policy: EvaluationPolicy, now: Date) -> ControlResult {
        if let missing = evidence.missing(["C05b"]) { return .notAssessed(controlID, reason: missing) }
        let allowed = Set(policy.names(.c05PrivilegedAllowed))
        var findings: [Finding] = []
        evidence.forEachItem("C05b") { namespace in
            let name = K8s.name(namespace)
            let ref = ObjectRef(kind: "Namespace", name: name)
            let labels = K8s.labels(namespace)
            guard let enforce = labels["pod-security.kubernetes.io/enforce"] else {
                let audit = labels["pod-security.kubernetes.io/audit"] ?? labels["pod-security.kubernetes.io/warn"]
                findings.append(
                    policy.finding(
                        "C05.namespace-without-enforce",
                        object: ref,
                        message: "Namespace \(name) does not enforce a Pod Security Standard"
                            + (audit.map { " (only audit/warn \($0))" } ?? "") + "."
                    )
                )
                return
            }
            if enforce == "privileged" && !allowed.contains(name) {
                findings.append(
                    policy.finding(
                        "C05.privileged-namespace",
                        object: ref,
                        message:
                            "Namespace \(name) enforces privileged, which allows every pod; it is not in the allow-list."
                    )
                )
            }
        }
        return ControlResult(id: controlID, findings: findings)
    }
}
