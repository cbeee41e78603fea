import Foundation

/// The few facts per object that auditors read first (who a binding grants what, a namespace's Pod
/// Security level, a certificate's validity, a policy's enforcement), kept beside each object's digest so
/// `diff` can say what an added, removed or changed object means without keeping the object.
enum ObjectFacts {
    static let podSecurityPrefix = "pod-security.kubernetes.io/"
    /// Longest value kept for one fact.
    static let limit = 200

    static func facts(_ object: [String: Any]) -> [String: String]? {
        let spec = object["spec"] as? [String: Any] ?? [:]
        let status = object["status"] as? [String: Any] ?? [:]
        var facts: [String: String] = [:]
        switch object["kind"] as? String {
        case "ClusterRoleBinding", "RoleBinding":
            let role = object["roleRef"] as? [String: Any] ?? [:]
            facts["role"] = "\(role["kind"] as? String ?? "?")/\(role["name"] as? String ?? "?")"
            let subjects = (object["subjects"] as? [[String: Any]] ?? []).map { subject in
                let namespace = (subject["namespace"] as? String).map { "\($0)/" } ?? ""
                return "\(subject["kind"] as? String ?? "?")/\(namespace)\(subject["name"] as? String ?? "?")"
            }
            facts["subjects"] = subjects.isEmpty ? "none" : subjects.joined(separator: ", ")
        case "Namespace":
            let labels = (object["metadata"] as? [String: Any])?["labels"] as? [String: Any] ?? [:]
            for (key, value) in labels where key.hasPrefix(podSecurityPrefix) { facts[key] = "\(value)" }
        case "Certificate":
            for key in ["notBefore", "notAfter"] { facts[key] = status[key] as? String }
            facts["revision"] = (status["revision"] as? NSNumber)?.stringValue
        case "NetworkPolicy":
            facts["policyTypes"] = (spec["policyTypes"] as? [String])?.joined(separator: ",")
        case "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration":
            let webhooks = object["webhooks"] as? [[String: Any]] ?? []
            facts["failurePolicy"] = webhooks.map {
                "\($0["name"] as? String ?? "?")=\($0["failurePolicy"] as? String ?? "Fail")"
            }.joined(separator: ",")
        case "ClusterPolicy", "Policy":
            facts["validationFailureAction"] = spec["validationFailureAction"] as? String
        default:
            return nil
        }
        return facts.mapValues { $0.count > limit ? String($0.prefix(limit)) + "…" : $0 }
    }

    /// How an added or removed object is described: "binds ClusterRole/cluster-admin to Group/ci", or its facts.
    static func describe(_ facts: [String: String]?) -> String? {
        guard let facts, !facts.isEmpty else { return nil }
        if let role = facts["role"] { return "binds \(role) to \(facts["subjects"] ?? "none")" }
        return facts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }

    /// What changed among the facts of a changed object: "pod-security.kubernetes.io/enforce: restricted →
    /// privileged"; nil when the facts are equal (something else changed).
    static func compare(_ old: [String: String]?, _ new: [String: String]?) -> String? {
        let old = old ?? [:]
        let new = new ?? [:]
        let keys = Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
        guard !keys.isEmpty else { return nil }
        return keys.map { "\($0): \(old[$0] ?? "unset") → \(new[$0] ?? "unset")" }.joined(separator: "; ")
    }
}
