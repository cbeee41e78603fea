import AuditPackCore
import Foundation

/// C03: only system components hold cluster-admin or wildcard roles; nobody anonymous is granted anything;
/// default service accounts carry no bindings.
///
/// Who counts as "system" is decided by the subject, never by the binding's name (anyone who can write RBAC
/// can name a binding `system:…`). Broad groups (`system:authenticated`, `system:serviceaccounts[:ns]`) are
/// not system components: granting them cluster-admin is granting it to everyone.
struct RBACLeastPrivilege: ControlEvaluator {
    let controlID = "C03"

    func evaluate(_ evidence: EvidenceSet, policy: EvaluationPolicy, now: Date) -> ControlResult {
        if let missing = evidence.missing(["C03a", "C03b", "C03c", "C03d"]) {
            return .notAssessed(controlID, reason: missing)
        }
        let rules = Rules(
            privileged: Set(policy.names(.c03PrivilegedRoles)),
            systemPrefixes: policy.names(.c03SystemSubjectPrefixes),
            broadGroups: policy.names(.c03BroadGroups),
            anonymousAllowed: Set(policy.names(.c03AnonymousAllowedBindings)),
            roles: RoleIndex(evidence),
            policy: policy
        )
        var findings: [Finding] = []
        evidence.forEachItem("C03a", as: Binding.self) {
            findings += rules.findings(binding: $0, kind: "ClusterRoleBinding")
        }
        evidence.forEachItem("C03b", as: Binding.self) { findings += rules.findings(binding: $0, kind: "RoleBinding") }
        return ControlResult(id: controlID, findings: findings)
    }

    /// The fields of a (Cluster)RoleBinding the rules read.
    struct Binding: Decodable {
        struct Metadata: Decodable {
            var name: String?
            var namespace: String?
        }
        struct Reference: Decodable {
            var kind: String?
            var name: String?
            var namespace: String?
        }
        var metadata: Metadata?
        var roleRef: Reference?
        var subjects: [Reference]?
    }

    /// The fields of a (Cluster)Role the rules read.
    struct Role: Decodable {
        struct Rule: Decodable {
            var verbs: [String]?
            var resources: [String]?
            var nonResourceURLs: [String]?
        }
        var metadata: Binding.Metadata?
        var rules: [Rule]?
    }

    struct Rules {
        var privileged: Set<String>
        var systemPrefixes: [String]
        var broadGroups: [String]
        var anonymousAllowed: Set<String>
        var roles: RoleIndex
        /// Gives each finding its catalog rule's severity.
        var policy: EvaluationPolicy

        func findings(binding: Binding, kind: String) -> [Finding] {
            let ref = ObjectRef(kind: kind, namespace: binding.metadata?.namespace, name: binding.metadata?.name ?? "")
            let roleKind = binding.roleRef?.kind ?? ""
            let roleName = binding.roleRef?.name ?? ""
            let roleKey = roleKind == "Role" ? "Role/\(ref.namespace ?? "")/\(roleName)" : "ClusterRole/\(roleName)"
            var findings: [Finding] = []
            for subject in binding.subjects ?? [] {
                let subjectKind = subject.kind ?? ""
                let subjectName = subject.name ?? ""
                let subjectNamespace = subject.namespace ?? ref.namespace
                let who = "\(subjectKind) \(subject.namespace.map { "\($0)/" } ?? "")\(subjectName)"
                if subjectKind == "ServiceAccount" && subjectName == "default" {
                    findings.append(
                        policy.finding(
                            "C03.default-serviceaccount-bound",
                            object: ref,
                            message: "The default ServiceAccount of \(subjectNamespace ?? "?") is bound to \(roleKind) "
                                + "\(roleName): every pod there gets it."
                        )
                    )
                }
                if ["system:anonymous", "system:unauthenticated"].contains(subjectName) {
                    let allowed = anonymousAllowed.contains("\(ref.namespace.map { "\($0)/" } ?? "")\(ref.name)")
                    if !allowed && !roles.grantsOnlyNonResourceURLs(roleKey) {
                        findings.append(
                            policy.finding(
                                "C03.anonymous-access",
                                object: ref,
                                message:
                                    "\(kind) \(ref.name) grants \(roleKind) \(roleName) to \(subjectName): anyone can use it."
                            )
                        )
                    }
                    continue
                }
                if isSystem(kind: subjectKind, name: subjectName, namespace: subject.namespace) {
                    continue
                }
                if roleKind == "ClusterRole" && privileged.contains(roleName) {
                    findings.append(
                        policy.finding(
                            "C03.cluster-admin-binding",
                            object: ref,
                            message: "\(who) is bound to \(roleName) by \(kind) \(ref.name)."
                        )
                    )
                } else if roles.hasWildcard(roleKey) {
                    findings.append(
                        policy.finding(
                            "C03.wildcard-role-binding",
                            object: ref,
                            message: "\(who) is bound to \(roleKind) \(roleName), which grants * verbs or resources."
                        )
                    )
                }
            }
            return findings
        }

        /// Control-plane identities: kube-system service accounts and `system:`/`kubeadm:` users and groups,
        /// except the broad groups that mean "everyone".
        func isSystem(kind: String, name: String, namespace: String?) -> Bool {
            if broadGroups.contains(where: { name == $0 || name.hasPrefix($0 + ":") }) { return false }
            switch kind {
            case "ServiceAccount":
                return namespace == "kube-system"
            case "User" where name.hasPrefix("system:serviceaccount:"):
                return name.hasPrefix("system:serviceaccount:kube-system:")
            default:
                return systemPrefixes.contains { name.hasPrefix($0) }
            }
        }
    }

    /// What the rules need of each role, by `ClusterRole/name` or `Role/namespace/name` (the rules
    /// themselves are not kept: thousands of roles stay a few booleans each).
    struct RoleIndex {
        struct Facts {
            var wildcard: Bool
            var onlyNonResourceURLs: Bool
        }

        var facts: [String: Facts] = [:]

        init(_ evidence: EvidenceSet) {
            evidence.forEachItem("C03c", as: Role.self) {
                facts["ClusterRole/\($0.metadata?.name ?? "")"] = Self.facts($0)
            }
            evidence.forEachItem("C03d", as: Role.self) {
                facts["Role/\($0.metadata?.namespace ?? "")/\($0.metadata?.name ?? "")"] = Self.facts($0)
            }
        }

        static func facts(_ role: Role) -> Facts {
            let rules = role.rules ?? []
            return Facts(
                wildcard: rules.contains { ($0.verbs ?? []).contains("*") || ($0.resources ?? []).contains("*") },
                onlyNonResourceURLs: !rules.isEmpty
                    && rules.allSatisfy { ($0.resources ?? []).isEmpty && !($0.nonResourceURLs ?? []).isEmpty }
            )
        }

        func hasWildcard(_ key: String) -> Bool { facts[key]?.wildcard ?? false }

        /// True only for a known role whose rules are all about non-resource URLs (e.g. /healthz, /version).
        func grantsOnlyNonResourceURLs(_ key: String) -> Bool { facts[key]?.onlyNonResourceURLs ?? false }
    }
}
