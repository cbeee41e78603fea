import AuditPackCore
import Foundation

/// C03: only system components hold cluster-admin or wildcard roles; nobody anonymous is granted anything;
/// default service accounts carry no bindings.
struct RBACLeastPrivilege: ControlEvaluator {
    let controlID = "C03"

    func evaluate(_ evidence: EvidenceSet, policy: EvaluationPolicy, now: Date) -> ControlResult {
        if let missing = evidence.missing(["C03a", "C03b", "C03c", "C03d"]) {
            return .notAssessed(controlID, reason: missing)
        }
        let privileged = Set(policy.names(controlID, "privileged_roles", default: ["cluster-admin"]))
        let systemPrefixes = policy.names(controlID, "system_subject_prefixes", default: ["system:"])
        let wildcardRoles = Self.wildcardRoles(
            cluster: evidence.items("C03c") ?? [],
            namespaced: evidence.items("C03d") ?? []
        )
        var findings: [Finding] = []
        let bindings =
            (evidence.items("C03a") ?? []).map { ($0, "ClusterRoleBinding") }
            + (evidence.items("C03b") ?? []).map { ($0, "RoleBinding") }
        for (binding, kind) in bindings {
            let ref = K8s.ref(binding, kind: kind)
            if systemPrefixes.contains(where: { ref.name.hasPrefix($0) }) { continue }  // platform defaults
            let roleRef = binding["roleRef"] as? [String: Any] ?? [:]
            let roleKind = roleRef["kind"] as? String ?? ""
            let roleName = roleRef["name"] as? String ?? ""
            let roleKey = roleKind == "Role" ? "\(ref.namespace ?? "")/\(roleName)" : roleName
            for subject in binding["subjects"] as? [[String: Any]] ?? [] {
                let subjectKind = subject["kind"] as? String ?? ""
                let subjectName = subject["name"] as? String ?? ""
                let who = "\(subjectKind) \(subject["namespace"].map { "\($0)/" } ?? "")\(subjectName)"
                if ["system:anonymous", "system:unauthenticated"].contains(subjectName) {
                    findings.append(
                        Finding(
                            rule: "C03.anonymous-access",
                            severity: .critical,
                            object: ref,
                            message:
                                "\(kind) \(ref.name) grants \(roleKind) \(roleName) to \(subjectName): anyone can use it."
                        )
                    )
                    continue
                }
                let isSystem =
                    systemPrefixes.contains { subjectName.hasPrefix($0) }
                    || (subjectKind == "ServiceAccount" && (subject["namespace"] as? String) == "kube-system")
                if isSystem { continue }
                if roleKind == "ClusterRole" && privileged.contains(roleName) {
                    findings.append(
                        Finding(
                            rule: "C03.cluster-admin-binding",
                            severity: .critical,
                            object: ref,
                            message: "\(who) is bound to \(roleName) by \(kind) \(ref.name)."
                        )
                    )
                } else if wildcardRoles.contains(roleKind == "Role" ? "Role/\(roleKey)" : "ClusterRole/\(roleKey)") {
                    findings.append(
                        Finding(
                            rule: "C03.wildcard-role-binding",
                            severity: .high,
                            object: ref,
                            message: "\(who) is bound to \(roleKind) \(roleName), which grants * verbs or resources."
                        )
                    )
                }
                if subjectKind == "ServiceAccount" && subjectName == "default" {
                    findings.append(
                        Finding(
                            rule: "C03.default-serviceaccount-bound",
                            severity: .medium,
                            object: ref,
                            message:
                                "The default ServiceAccount of \(subject["namespace"] as? String ?? ref.namespace ?? "?") "
                                + "is bound to \(roleKind) \(roleName): every pod there gets it."
                        )
                    )
                }
            }
        }
        return ControlResult(id: controlID, findings: findings)
    }

    /// `ClusterRole/name` and `Role/namespace/name` of roles with a `*` verb or resource.
    static func wildcardRoles(cluster: [[String: Any]], namespaced: [[String: Any]]) -> Set<String> {
        func hasWildcard(_ role: [String: Any]) -> Bool {
            (role["rules"] as? [[String: Any]] ?? []).contains { rule in
                (rule["verbs"] as? [String] ?? []).contains("*") || (rule["resources"] as? [String] ?? []).contains("*")
            }
        }
        return Set(cluster.filter(hasWildcard).map { "ClusterRole/\(K8s.name($0))" })
            .union(namespaced.filter(hasWildcard).map { "Role/\(K8s.namespace($0) ?? "")/\(K8s.name($0))" })
    }
}
