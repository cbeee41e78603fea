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
        let roles = evidence.rbacRoleIndex()
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
            subjects = RBACSubjectPolicy(policy)
            privileged = Set(policy.names(.c03PrivilegedRoles))
            anonymousAllowed = Set(policy.names(.c03AnonymousAllowedBindings))
            clusterReachNamespaces = Set(policy.names(.c03ClusterReachNamespaces))
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
                        policy.finding(
                            "C03.default-serviceaccount-bound",
                            object: object,
                            message: "The default ServiceAccount of \(subject.namespace ?? "?") is bound to "
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
                            policy.finding(
                                "C03.anonymous-access",
                                object: object,
                                message: "\(binding.description) grants \(binding.roleDescription) to \(subject.name): "
                                    + "anyone who can reach the API server can use it."
                            )
                        )
                    }
                }
                if who != .system && clusterAdmin {
                    let rule = RBACPermission.clusterAdmin.rule
                    findings.append(
                        finding(
                            rule,
                            who: who,
                            namespace: binding.namespace,
                            reach: .all,
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
                        finding(
                            permission.rule,
                            who: entry.who,
                            namespace: permission.namespace,
                            reach: permission.reach,
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

        /// A finding of a permission rule: its severity (the catalog's, or the policy's override) moved along
        /// the ladder; with an override, the catalog severity moved the same way is kept as the original.
        func finding(
            _ rule: String,
            who: RBACSubject.Who,
            namespace: String?,
            reach: RBACReach,
            object: ObjectRef,
            message: String
        ) -> Finding {
            let steps = ladderSteps(who: who, namespace: namespace, reach: reach)
            let applied = Self.move(policy.severity(of: rule), by: steps)
            let catalog = policy.catalogSeverities[rule].map { Self.move($0, by: steps) }
            return Finding(
                rule: rule,
                severity: applied,
                object: object,
                message: message,
                originalSeverity: policy.severityOverrides[rule] == nil || catalog == applied ? nil : catalog
            )
        }

        func scope(_ namespace: String?) -> String {
            guard let namespace else { return "cluster-wide" }
            return clusterReachNamespaces.contains(namespace)
                ? "in namespace \(namespace) (which holds the control plane's service accounts and Secrets)"
                : "in namespace \(namespace)"
        }

        /// How many steps the ladder (C03 thresholds `severity_step_*`) moves a finding: by who holds the
        /// permission and by its reach.
        func ladderSteps(who: RBACSubject.Who, namespace: String?, reach: RBACReach) -> Int {
            var steps = 0.0
            switch who {
            case .anonymous, .everyone: steps += policy.number(.c03SeverityStepEveryone)
            case .workload: steps += policy.number(.c03SeverityStepWorkload)
            case .human, .system: break
            }
            if let namespace, !clusterReachNamespaces.contains(namespace) {
                steps += policy.number(.c03SeverityStepNamespace)
            }
            if reach == .named { steps += policy.number(.c03SeverityStepResourceNames) }
            return Int(steps.rounded())
        }

        /// `severity` moved `steps` along low…critical, kept within both ends.
        static func move(_ severity: Severity, by steps: Int) -> Severity {
            let ladder = Severity.allCases
            let index = ladder.firstIndex(of: severity) ?? 0
            return ladder[min(max(index + steps, 0), ladder.count - 1)]
        }
    }
}
