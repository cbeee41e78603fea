import AuditPackCore
import Foundation

/// C03: judged by effective permission, not by the `*` character. For every non-system subject (users, groups,
/// service accounts) the bindings are followed to the roles as served (aggregated ClusterRoles included), and
/// the permissions that matter are reported: cluster-admin, escalate/bind, impersonate, CSR approval, token
/// creation, nodes/proxy, webhook writes, reading Secrets, exec into pods, creating workloads, `*` verbs on
/// core resources. A read-only `*` inside a CRD group (Kyverno's aggregation into view/edit/admin) grants none
/// of them and is not reported.
///
/// Who is "system" is decided by the subject alone (`RBACSubjectPolicy`, the same function C03e and C03f use).
/// Severities start from each rule's catalog severity and move along the C03 threshold ladder: by who
/// (anonymous or every identity > people > workloads) and by reach (cluster-wide > one namespace).
struct RBACLeastPrivilege: ControlEvaluator {
    let controlID = "C03"

    func evaluate(_ evidence: EvidenceSet, policy: EvaluationPolicy, now: Date) -> ControlResult {
        if let missing = evidence.missing(["C03a", "C03b", "C03c", "C03d"]) {
            return .notAssessed(controlID, reason: missing)
        }
        let judge = Judge(policy: policy, control: controlID)
        var roles = RBACRoleIndex()
        evidence.forEachItem("C03c", as: RBACRole.self) { roles.addClusterRole($0) }
        evidence.forEachItem("C03d", as: RBACRole.self) { roles.addRole($0) }
        roles.resolve()
        var effective = EffectivePermissions(policy: judge.subjects)
        var findings: [Finding] = []
        for id in ["C03a", "C03b"] {
            evidence.forEachItem(id, as: RBACBinding.self) { binding in
                effective.add(binding, roles: roles)
                findings += judge.findings(binding: binding, roles: roles)
            }
        }
        findings += judge.findings(effective)
        return ControlResult(id: controlID, findings: findings)
    }

    /// The C03 thresholds and rule severities, applied.
    struct Judge {
        let control: String
        let policy: EvaluationPolicy
        let subjects: RBACSubjectPolicy
        let privileged: Set<String>
        let anonymousAllowed: Set<String>
        let clusterReachNamespaces: Set<String>

        init(policy: EvaluationPolicy, control: String) {
            self.control = control
            self.policy = policy
            subjects = RBACSubjectPolicy(thresholds: policy.thresholds[control])
            privileged = Set(policy.names(control, "privileged_roles", default: ["cluster-admin"]))
            anonymousAllowed = Set(policy.names(control, "anonymous_allowed_bindings", default: []))
            clusterReachNamespaces = Set(policy.names(control, "cluster_reach_namespaces", default: ["kube-system"]))
        }

        /// Findings about one binding: anonymous access, the default service account, cluster-admin.
        func findings(binding: RBACBinding, roles: RBACRoleIndex) -> [Finding] {
            // A binding to a missing role grants nothing: C03f lists it for information.
            guard let facts = roles.facts(for: binding), let granted = roles.permissions(of: binding) else { return [] }
            let object = ObjectRef(kind: binding.kind, namespace: binding.namespace, name: binding.name)
            let roleName = binding.roleRef?.name ?? ""
            let clusterAdmin =
                granted[.clusterAdmin] != nil
                || (binding.roleRef?.kind == "ClusterRole" && privileged.contains(roleName))
            var findings: [Finding] = []
            for subject in binding.grantees(subjects) {
                let who = subjects.classify(subject)
                if subject.kind == "ServiceAccount" && subject.name == "default" {
                    findings.append(
                        finding(
                            "C03.default-serviceaccount-bound",
                            .medium,
                            object,
                            "The default ServiceAccount of \(subject.namespace ?? "?") is bound to "
                                + "\(binding.roleDescription) by \(binding.description): every pod there that names "
                                + "no service account gets it."
                        )
                    )
                }
                if who == .anonymous {
                    let allowed = anonymousAllowed.contains(
                        "\(binding.namespace.map { "\($0)/" } ?? "")\(binding.name)"
                    )
                    if !allowed && !facts.onlyNonResourceURLs {
                        findings.append(
                            finding(
                                "C03.anonymous-access",
                                .critical,
                                object,
                                "\(binding.description) grants \(binding.roleDescription) to \(subject.name): "
                                    + "anyone who can reach the API server can use it."
                            )
                        )
                    }
                }
                if who != .system && clusterAdmin {
                    let rule = RBACPermission.clusterAdmin.rule
                    findings.append(
                        Finding(
                            rule: rule,
                            severity: severity(rule, who: who, namespace: binding.namespace, reach: .all),
                            object: object,
                            message: "\(subject.description) holds \(binding.roleDescription) (every verb on every "
                                + "resource) \(scope(binding.namespace)) through \(binding.description)."
                        )
                    )
                }
            }
            return findings
        }

        /// One finding per subject, permission and scope, except what a cluster-admin grant in the same scope
        /// (or cluster-wide) already reports.
        func findings(_ effective: EffectivePermissions) -> [Finding] {
            var findings: [Finding] = []
            for entry in effective.bySubject {
                let adminScopes = Set(entry.permissions.filter { $0.permission == .clusterAdmin }.map(\.namespace))
                for permission in entry.permissions where permission.permission != .clusterAdmin {
                    if adminScopes.contains(nil) || adminScopes.contains(permission.namespace) { continue }
                    let grants = permission.grantedBy.map { "\($0.binding) → \($0.role)" }.joined(separator: "; ")
                    let named = permission.reach == .named ? " (only the objects its resourceNames list)" : ""
                    findings.append(
                        Finding(
                            rule: permission.rule,
                            severity: severity(
                                permission.rule,
                                who: entry.who,
                                namespace: permission.namespace,
                                reach: permission.reach
                            ),
                            object: ObjectRef(
                                kind: entry.subject.kind,
                                namespace: entry.subject.namespace,
                                name: entry.subject.name
                            ),
                            message: "\(entry.subject.description) \(permission.permission.summary) "
                                + "\(scope(permission.namespace))\(named): granted by \(grants)."
                        )
                    )
                }
            }
            return findings
        }

        func finding(_ rule: String, _ fallback: Severity, _ object: ObjectRef, _ message: String) -> Finding {
            Finding(
                rule: rule,
                severity: policy.severity(of: rule, default: fallback),
                object: object,
                message: message
            )
        }

        func scope(_ namespace: String?) -> String {
            guard let namespace else { return "cluster-wide" }
            return clusterReachNamespaces.contains(namespace)
                ? "in namespace \(namespace) (which holds the control plane's service accounts and Secrets)"
                : "in namespace \(namespace)"
        }

        /// The rule's catalog severity moved along the ladder (C03 thresholds `severity_step_*`), kept within
        /// low…critical.
        func severity(_ rule: String, who: RBACSubject.Who, namespace: String?, reach: RBACReach) -> Severity {
            var steps = 0.0
            switch who {
            case .anonymous, .everyone: steps += policy.number(control, "severity_step_everyone", default: 1)
            case .workload: steps += policy.number(control, "severity_step_workload", default: -1)
            case .human, .system: break
            }
            if let namespace, !clusterReachNamespaces.contains(namespace) {
                steps += policy.number(control, "severity_step_namespace", default: -1)
            }
            if reach == .named { steps += policy.number(control, "severity_step_resource_names", default: -1) }
            let ladder = Severity.allCases
            let base = ladder.firstIndex(of: policy.severity(of: rule, default: .high)) ?? 2
            return ladder[min(max(base + Int(steps.rounded()), 0), ladder.count - 1)]
        }
    }
}
