import AuditPackCore
import Foundation

/// C09: a policy engine enforces (not only audits) policies, and its webhooks fail closed.
struct AdmissionPolicies: ControlEvaluator {
    let controlID = "C09"

    func evaluate(_ evidence: EvidenceSet, policy: EvaluationPolicy, now: Date) -> ControlResult {
        if let missing = evidence.missing(["C09b"]) { return .notAssessed(controlID, reason: missing) }
        let kyverno = (evidence.items("C09a") ?? []) + (evidence.items("C09c") ?? [])
        let constraints = evidence.items("C09e") ?? []
        let bindings = evidence.items("C09g") ?? []
        var findings: [Finding] = []
        if kyverno.isEmpty && constraints.isEmpty && bindings.isEmpty {
            findings.append(
                policy.finding(
                    "C09.no-policy-engine",
                    object: ObjectRef(kind: "Cluster", name: "cluster"),
                    message: "No Kyverno policy, Gatekeeper constraint or ValidatingAdmissionPolicy binding exists: "
                        + "nothing checks what is admitted."
                )
            )
        }
        for item in kyverno where !Self.kyvernoEnforces(item) {
            findings.append(
                policy.finding(
                    "C09.policy-audit-only",
                    object: K8s.ref(item),
                    message:
                        "Kyverno \(item["kind"] as? String ?? "policy") \(K8s.name(item)) only audits: violations are admitted."
                )
            )
        }
        for constraint in constraints {
            let action = (constraint["spec"] as? [String: Any])?["enforcementAction"] as? String ?? "deny"
            guard action != "deny" else { continue }
            findings.append(
                policy.finding(
                    "C09.policy-audit-only",
                    object: K8s.ref(constraint),
                    message: "Gatekeeper \(constraint["kind"] as? String ?? "constraint") \(K8s.name(constraint)) "
                        + "has enforcementAction \(action): violations are admitted."
                )
            )
        }
        for binding in bindings {
            let actions = (binding["spec"] as? [String: Any])?["validationActions"] as? [String] ?? []
            guard !actions.contains("Deny") else { continue }
            findings.append(
                policy.finding(
                    "C09.policy-audit-only",
                    object: K8s.ref(binding, kind: "ValidatingAdmissionPolicyBinding"),
                    message: "ValidatingAdmissionPolicyBinding \(K8s.name(binding)) has validationActions "
                        + "\(actions.joined(separator: ",")) without Deny."
                )
            )
        }
        let patterns = policy.names(.c09SecurityWebhookPatterns)
        for configuration in (evidence.items("C09b") ?? []) + (evidence.items("C09h") ?? []) {
            for webhook in configuration["webhooks"] as? [[String: Any]] ?? [] {
                let name = webhook["name"] as? String ?? ""
                let owner = K8s.name(configuration)
                guard webhook["failurePolicy"] as? String == "Ignore",
                    patterns.contains(where: { name.contains($0) || owner.contains($0) })
                else { continue }
                findings.append(
                    policy.finding(
                        "C09.webhook-fails-open",
                        object: K8s.ref(configuration),
                        message:
                            "Webhook \(name) has failurePolicy Ignore: when the policy engine is down, everything is admitted."
                    )
                )
            }
        }
        return ControlResult(id: controlID, findings: findings)
    }

    /// Enforce at policy level (`validationFailureAction`) or on every validate rule (`failureAction`).
    static func kyvernoEnforces(_ policy: [String: Any]) -> Bool {
        let spec = policy["spec"] as? [String: Any] ?? [:]
        let validating = (spec["rules"] as? [[String: Any]] ?? []).compactMap { $0["validate"] as? [String: Any] }
        let policyLevel = (spec["validationFailureAction"] as? String ?? "Audit").lowercased() == "enforce"
        if validating.isEmpty { return true }  // mutate/generate-only policies do not admit or deny
        return validating.allSatisfy { rule in
            (rule["failureAction"] as? String).map { $0.lowercased() == "enforce" } ?? policyLevel
        }
    }
}
