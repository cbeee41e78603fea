import AuditPackCore
import Foundation

/// C01: every non-system namespace has NetworkPolicies, starting from default deny (ingress and egress).
struct NetworkSegmentation: ControlEvaluator {
    let controlID = "C01"

    func evaluate(_ evidence: EvidenceSet, policy: EvaluationPolicy, now: Date) -> ControlResult {
        if let missing = evidence.missing(["C01", "C01b"]) { return .notAssessed(controlID, reason: missing) }
        // Per namespace, only what the rules ask of its policies: one pass, nothing else retained.
        var byNamespace: [String: Coverage] = [:]
        evidence.forEachItem("C01") { networkPolicy in
            byNamespace[K8s.namespace(networkPolicy) ?? "", default: Coverage()].add(networkPolicy)
        }
        let system = Set(policy.names(.c01SystemNamespaces))
        let requireEgress = policy.flag(.c01RequireDefaultDenyEgress)
        var findings: [Finding] = []
        evidence.forEachItem("C01b") { namespace in
            let name = K8s.name(namespace)
            guard !system.contains(name) else { return }
            let ref = ObjectRef(kind: "Namespace", name: name)
            let own = byNamespace[name] ?? Coverage()
            if own.policies == 0 {
                findings.append(
                    policy.finding(
                        "C01.namespace-without-networkpolicy",
                        object: ref,
                        message: "Namespace \(name) has no NetworkPolicy: every pod accepts traffic from anywhere."
                    )
                )
                return
            }
            if !own.deniesIngress {
                findings.append(
                    policy.finding(
                        "C01.no-default-deny-ingress",
                        object: ref,
                        message: "Namespace \(name) has NetworkPolicies but no default-deny ingress policy."
                    )
                )
            }
            if requireEgress && !own.deniesEgress {
                findings.append(
                    policy.finding(
                        "C01.no-default-deny-egress",
                        object: ref,
                        message: "Namespace \(name) has no default-deny egress policy."
                    )
                )
            }
        }
        return ControlResult(id: controlID, findings: findings)
    }

    /// What a namespace's policies add up to.
    struct Coverage {
        var policies = 0
        var deniesIngress = false
        var deniesEgress = false

        mutating func add(_ policy: [String: Any]) {
            policies += 1
            deniesIngress = deniesIngress || NetworkSegmentation.deniesAll(policy, direction: "Ingress")
            deniesEgress = deniesEgress || NetworkSegmentation.deniesAll(policy, direction: "Egress")
        }
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
