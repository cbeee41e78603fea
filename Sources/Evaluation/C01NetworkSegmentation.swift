import AuditPackCore
import Foundation

/// C01: every non-system namespace has NetworkPolicies, starting from default deny (ingress and egress).
struct NetworkSegmentation: ControlEvaluator {
    let controlID = "C01"

    func evaluate(_ evidence: EvidenceSet, policy: EvaluationPolicy, now: Date) -> ControlResult {
        if let missing = evidence.missing(["C01", "C01b"]) { return .notAssessed(controlID, reason: missing) }
        let policies = evidence.items("C01") ?? []
        let system = Set(
            policy.names(controlID, "system_namespaces", default: ["kube-system", "kube-public", "kube-node-lease"])
        )
        let requireEgress = policy.flag(controlID, "require_default_deny_egress", default: true)
        let byNamespace = Dictionary(grouping: policies) { K8s.namespace($0) ?? "" }
        var findings: [Finding] = []
        for namespace in evidence.items("C01b") ?? [] {
            let name = K8s.name(namespace)
            guard !system.contains(name) else { continue }
            let ref = ObjectRef(kind: "Namespace", name: name)
            let own = byNamespace[name] ?? []
            if own.isEmpty {
                findings.append(
                    Finding(
                        rule: "C01.namespace-without-networkpolicy",
                        severity: .high,
                        object: ref,
                        message: "Namespace \(name) has no NetworkPolicy: every pod accepts traffic from anywhere."
                    )
                )
                continue
            }
            if !own.contains(where: { Self.deniesAll($0, direction: "Ingress") }) {
                findings.append(
                    Finding(
                        rule: "C01.no-default-deny-ingress",
                        severity: .medium,
                        object: ref,
                        message: "Namespace \(name) has NetworkPolicies but no default-deny ingress policy."
                    )
                )
            }
            if requireEgress && !own.contains(where: { Self.deniesAll($0, direction: "Egress") }) {
                findings.append(
                    Finding(
                        rule: "C01.no-default-deny-egress",
                        severity: .medium,
                        object: ref,
                        message: "Namespace \(name) has no default-deny egress policy."
                    )
                )
            }
        }
        return ControlResult(id: controlID, findings: findings)
    }

    /// A policy selecting every pod (`podSelector: {}`) that names `direction` and allows nothing in it.
    static func deniesAll(_ policy: [String: Any], direction: String) -> Bool {
        guard let spec = policy["spec"] as? [String: Any] else { return false }
        let selector = spec["podSelector"] as? [String: Any] ?? [:]
        let selectsAll =
            (selector["matchLabels"] as? [String: Any] ?? [:]).isEmpty
            && (selector["matchExpressions"] as? [Any] ?? []).isEmpty
        guard selectsAll else { return false }
        let types =
            spec["policyTypes"] as? [String]
            ?? (spec["egress"] != nil ? ["Ingress", "Egress"] : ["Ingress"])  // the API's defaulting
        guard types.contains(direction) else { return false }
        let rules = spec[direction.lowercased()] as? [Any] ?? []
        return rules.isEmpty
    }
}
