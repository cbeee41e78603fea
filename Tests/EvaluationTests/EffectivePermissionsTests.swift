import AuditPackCore
import Evaluation
import Foundation
import Testing

/// The shared RBAC resolution (Sources/AuditPackCore/RBAC): subject classification, rule matching, role
/// aggregation, binding scope, and the effective permissions C03 and C03f are made of.
@Suite("RBAC: effective permissions")
struct EffectivePermissionsTests {
    static let policy = RBACSubjectPolicy(try! Catalog.builtIn())

    static func rule(
        _ groups: [String],
        _ resources: [String],
        _ verbs: [String],
        names: [String]? = nil
    )
        -> RBACPolicyRule
    {
        RBACPolicyRule(apiGroups: groups, resources: resources, verbs: verbs, resourceNames: names)
    }

    static func clusterRole(
        _ name: String,
        _ rules: [RBACPolicyRule]?,
        labels: [String: String]? = nil
    )
        -> RBACRole
    {
        RBACRole(metadata: .init(name: name, labels: labels), rules: rules)
    }

    static func binding(
        _ name: String,
        namespace: String? = nil,
        role: String,
        roleKind: String = "ClusterRole",
        _ subjects: [RBACBinding.Reference]
    ) -> RBACBinding {
        RBACBinding(
            metadata: .init(name: name, namespace: namespace),
            roleRef: .init(kind: roleKind, name: role),
            subjects: subjects
        )
    }

    static func user(_ name: String) -> RBACBinding.Reference { .init(kind: "User", name: name) }
    static func group(_ name: String) -> RBACBinding.Reference { .init(kind: "Group", name: name) }
    static func serviceAccount(_ name: String, _ namespace: String? = nil) -> RBACBinding.Reference {
        .init(kind: "ServiceAccount", name: name, namespace: namespace)
    }

    /// Effective permissions of `bindings` over `clusterRoles` and `roles`.
    static func effective(
        _ clusterRoles: [RBACRole],
        roles: [RBACRole] = [],
        _ bindings: [RBACBinding]
    ) -> EffectivePermissions {
        var index = RBACRoleIndex()
        for role in clusterRoles { index.addClusterRole(role) }
        for role in roles { index.addRole(role) }
        index.resolve()
        var effective = EffectivePermissions(policy: policy)
        for binding in bindings { effective.add(binding, roles: index) }
        return effective
    }

    static func permissions(_ effective: EffectivePermissions, _ name: String) -> [String] {
        effective.bySubject.filter { $0.subject.name == name }.flatMap(\.permissions).map {
            "\($0.permission.rawValue)@\($0.namespace ?? "cluster")\($0.reach == .named ? "(named)" : "")"
        }
    }

    // MARK: subjects: one function for C03, C03e and C03f

    @Test func systemIsDecidedBySubjectAndNeverCoversEveryoneOrAnonymous() {
        let policy = Self.policy
        #expect(policy.classify(RBACSubject(kind: "Group", name: "system:masters")) == .system)
        #expect(policy.classify(RBACSubject(kind: "Group", name: "kubeadm:cluster-admins")) == .system)
        #expect(policy.classify(RBACSubject(kind: "User", name: "system:kube-scheduler")) == .system)
        #expect(policy.classify(RBACSubject(kind: "Group", name: "system:unauthenticated")) == .anonymous)
        #expect(policy.classify(RBACSubject(kind: "User", name: "system:anonymous")) == .anonymous)
        #expect(policy.classify(RBACSubject(kind: "Group", name: "system:authenticated")) == .everyone)
        #expect(policy.classify(RBACSubject(kind: "Group", name: "system:serviceaccounts")) == .everyone)
        #expect(policy.classify(RBACSubject(kind: "Group", name: "system:serviceaccounts:shop")) == .everyone)
        #expect(
            policy.classify(RBACSubject(kind: "ServiceAccount", name: "coredns", namespace: "kube-system")) == .system
        )
        #expect(policy.classify(RBACSubject(kind: "ServiceAccount", name: "api", namespace: "shop")) == .workload)
        #expect(policy.classify(RBACSubject(kind: "User", name: "system:serviceaccount:kube-system:x")) == .system)
        #expect(policy.classify(RBACSubject(kind: "User", name: "system:serviceaccount:ci:runner")) == .workload)
        #expect(policy.classify(RBACSubject(kind: "User", name: "alice@example.com")) == .human)
        #expect(policy.classify(RBACSubject(kind: "Group", name: "oidc:sre")) == .human)
    }

    @Test func serviceAccountWithoutNamespaceTakesTheRoleBindings() {
        let binding = Self.binding("b", namespace: "ci", role: "r", [Self.serviceAccount("runner")])
        #expect(binding.grantees(Self.policy) == [RBACSubject(kind: "ServiceAccount", name: "runner", namespace: "ci")])
    }

    // MARK: rules

    @Test func ruleMatchingFollowsTheAuthorizer() {
        let secrets = Self.rule([""], ["secrets"], ["get"])
        #expect(secrets.allows(["get"], group: "", resource: "secrets"))
        #expect(!secrets.allows(["list"], group: "", resource: "secrets"))
        #expect(!secrets.allows(["get"], group: "apps", resource: "secrets"))
        let wildcard = Self.rule(["*"], ["*"], ["*"])
        #expect(wildcard.allows(["create"], group: "", resource: "pods", subresource: "exec"))
        #expect(wildcard.allowsEverything)
        // "pods" does not match the subresource pods/exec; "*/exec" does.
        #expect(
            !Self.rule([""], ["pods"], ["create"]).allows(["create"], group: "", resource: "pods", subresource: "exec")
        )
        #expect(
            Self.rule([""], ["*/exec"], ["create"]).allows(["create"], group: "", resource: "pods", subresource: "exec")
        )
        // resourceNames never allow create of the resource itself, but do name objects' subresources.
        let named = Self.rule(["apps"], ["deployments"], ["create", "update"], names: ["web"])
        #expect(!named.allows(["create"], group: "apps", resource: "deployments"))
        #expect(named.allows(["update"], group: "apps", resource: "deployments"))
        #expect(
            Self.rule([""], ["serviceaccounts/token"], ["create"], names: ["deployer"])
                .allows(["create"], group: "", resource: "serviceaccounts", subresource: "token")
        )
    }

    @Test func readOnlyWildcardInCRDGroupsGrantsNothingThatMatters() {
        let kyverno = Self.clusterRole(
            "kyverno:rbac:view",
            [Self.rule(["kyverno.io", "wgpolicyk8s.io", "reports.kyverno.io"], ["*"], ["get", "list", "watch"])]
        )
        let effective = Self.effective(
            [kyverno],
            [Self.binding("b", role: "kyverno:rbac:view", [Self.group("oidc:sre")])]
        )
        #expect(effective.bySubject.isEmpty)
        // The same wildcard over every group reads Secrets and reaches nodes/proxy (the kubelet authorises
        // get); exec needs create on pods/exec, as rbac-police, Kubescape and Trivy judge it.
        let everything = Self.clusterRole("reader", [Self.rule(["*"], ["*"], ["get", "list", "watch"])])
        let broad = Self.effective([everything], [Self.binding("b", role: "reader", [Self.group("oidc:sre")])])
        #expect(
            Self.permissions(broad, "oidc:sre") == [
                "proxy-nodes@cluster", "read-secrets@cluster",
            ]
        )
    }

    // MARK: roles and bindings

    @Test func aggregatedClusterRoleServedEmptyIsAggregatedFromItsSelectors() {
        let view = RBACRole(
            metadata: .init(name: "view", labels: ["rbac.authorization.k8s.io/aggregate-to-edit": "true"]),
            rules: nil,
            aggregationRule: .init(clusterRoleSelectors: [
                .init(matchLabels: ["rbac.authorization.k8s.io/aggregate-to-view": "true"])
            ])
        )
        let edit = RBACRole(
            metadata: .init(name: "edit"),
            rules: [],
            aggregationRule: .init(clusterRoleSelectors: [
                .init(matchExpressions: [
                    .init(key: "rbac.authorization.k8s.io/aggregate-to-edit", operator: "In", values: ["true"])
                ])
            ])
        )
        let toView = Self.clusterRole(
            "to-view",
            [Self.rule([""], ["pods"], ["get"])],
            labels: ["rbac.authorization.k8s.io/aggregate-to-view": "true"]
        )
        let toEdit = Self.clusterRole(
            "to-edit",
            [Self.rule([""], ["secrets"], ["get"])],
            labels: ["rbac.authorization.k8s.io/aggregate-to-edit": "true"]
        )
        let effective = Self.effective(
            [view, edit, toView, toEdit],
            [
                Self.binding("viewers", role: "view", [Self.group("viewers")]),
                Self.binding("editors", role: "edit", [Self.group("editors")]),
            ]
        )
        #expect(Self.permissions(effective, "viewers").isEmpty)
        #expect(Self.permissions(effective, "editors") == ["read-secrets@cluster"])
    }

    @Test func roleBindingGrantsAClusterRoleOnlyInItsNamespaceAndNoClusterScopedResource() {
        let powerful = Self.clusterRole(
            "powerful",
            [
                Self.rule([""], ["secrets"], ["list"]),
                Self.rule([""], ["nodes/proxy"], ["get"]),
                Self.rule([""], ["users", "serviceaccounts"], ["impersonate"]),
                Self.rule(["admissionregistration.k8s.io"], ["validatingwebhookconfigurations"], ["update"]),
            ]
        )
        let effective = Self.effective(
            [powerful],
            [
                Self.binding("in-shop", namespace: "shop", role: "powerful", [Self.user("dev")]),
                Self.binding("everywhere", role: "powerful", [Self.user("admin")]),
            ]
        )
        #expect(Self.permissions(effective, "dev") == ["impersonate@shop", "read-secrets@shop"])
        #expect(
            Self.permissions(effective, "admin") == [
                "impersonate@cluster", "proxy-nodes@cluster", "write-webhooks@cluster", "read-secrets@cluster",
            ]
        )
    }

    @Test func missingRolesGrantNothingAndAreListed() {
        let effective = Self.effective(
            [],
            [Self.binding("ghost", namespace: "shop", role: "gone", [Self.user("casper")])]
        )
        #expect(effective.bySubject.isEmpty)
        #expect(effective.unresolvedByName.map(\.binding) == ["RoleBinding shop/ghost"])
        #expect(effective.unresolvedByName.first?.role == "ClusterRole gone")
    }

    @Test func systemSubjectsAreLeftOutAndGrantsAreNamed() {
        let admin = Self.clusterRole("cluster-admin", [Self.rule(["*"], ["*"], ["*"])])
        let effective = Self.effective(
            [admin],
            [
                Self.binding("masters", role: "cluster-admin", [Self.group("system:masters"), Self.user("alice")]),
                Self.binding("alice-again", namespace: "shop", role: "cluster-admin", [Self.user("alice")]),
            ]
        )
        #expect(effective.bySubject.map(\.subject.name) == ["alice"])
        let entries = effective.bySubject[0].permissions.filter { $0.permission == .readSecrets }
        #expect(entries.map(\.namespace) == [nil, "shop"])
        #expect(
            entries[0].grantedBy == [.init(binding: "ClusterRoleBinding masters", role: "ClusterRole cluster-admin")]
        )
    }

    @Test func csrApprovalNeedsTheApprovalSubresourceAndASigner() {
        let approvalOnly = Self.clusterRole(
            "approval-only",
            [Self.rule(["certificates.k8s.io"], ["certificatesigningrequests/approval"], ["update"])]
        )
        let both = Self.clusterRole(
            "both",
            [
                Self.rule(["certificates.k8s.io"], ["certificatesigningrequests/approval"], ["patch"]),
                Self.rule(["certificates.k8s.io"], ["signers"], ["approve"], names: ["example.com/signer"]),
            ]
        )
        let effective = Self.effective(
            [approvalOnly, both],
            [
                Self.binding("a", role: "approval-only", [Self.user("half")]),
                Self.binding("b", role: "both", [Self.user("full")]),
            ]
        )
        #expect(Self.permissions(effective, "half").isEmpty)
        #expect(Self.permissions(effective, "full") == ["approve-csrs@cluster"])
    }

    // MARK: upstream samples

    /// Kubernetes' bootstrap admin/edit/view (served with `rules: null`) and Kyverno's aggregated roles, as in
    /// the fixture folder (PROVENANCE.md there): edit reads Secrets, execs, writes workloads, impersonates
    /// service accounts and mints tokens; view does none of it, Kyverno's `*` read notwithstanding.
    @Test func upstreamBootstrapRolesAnswerWhoCanDoWhat() throws {
        let input = FixtureCase.root.appendingPathComponent("C03/upstream-aggregated-edit-admin-in-namespace/input")
        struct List: Decodable { var items: [RBACRole] }
        let roles = try JSONDecoder().decode(
            List.self,
            from: Data(contentsOf: input.appendingPathComponent("C03c-clusterroles.json"))
        ).items
        #expect(roles.contains { $0.name == "edit" && $0.rules == nil && $0.aggregationRule != nil })
        let effective = Self.effective(
            roles,
            [
                Self.binding("viewers", role: "view", [Self.group("viewers")]),
                Self.binding("editors", namespace: "shop", role: "edit", [Self.group("editors")]),
                Self.binding("admins", namespace: "shop", role: "admin", [Self.group("admins")]),
                Self.binding("kubelet", role: "system:kubelet-api-admin", [Self.user("kubelet-client")]),
            ]
        )
        #expect(Self.permissions(effective, "viewers").isEmpty)
        let edit = [
            "impersonate@shop", "create-tokens@shop", "read-secrets@shop", "exec-into-pods@shop",
            "create-workloads@shop",
        ]
        #expect(Self.permissions(effective, "editors") == edit)
        #expect(Self.permissions(effective, "admins") == edit)
        // nodes/proxy with "*" verbs: the kubelet API, and every verb on a core (sub)resource.
        #expect(
            Self.permissions(effective, "kubelet-client") == ["proxy-nodes@cluster", "wildcard-verbs-core@cluster"]
        )
        #expect(effective.subjects(with: .readSecrets).map(\.subject.name) == ["admins", "editors"])
    }

    /// Every rule C03 reports is declared in the catalog with a severity, and the ladder's steps are data.
    @Test func everyC03RuleIsDeclaredInTheCatalog() throws {
        let control = try #require(try Catalog.builtIn().control("C03"))
        let declared = Dictionary(uniqueKeysWithValues: control.rules.map { ($0.id, $0.severity) })
        let emitted =
            RBACPermission.allCases.map(\.rule) + ["C03.anonymous-access", "C03.default-serviceaccount-bound"]
        for rule in emitted {
            #expect(declared[rule] != nil, "\(rule) has no catalog severity")
        }
        #expect(Set(declared.keys) == Set(emitted))
        for step in ["severity_step_everyone", "severity_step_workload", "severity_step_namespace"] {
            #expect(control.thresholds?[step] != nil, "\(step) is not in the C03 thresholds")
        }
    }
}
