import Foundation
import KubeEmulator

extension GenerationRun {
    static let rbacAPI = "rbac.authorization.k8s.io/v1"

    static let people = [
        "amara", "bruno", "chen", "dmitri", "elif", "farah", "goran", "hana", "ines", "jonas", "kofi", "lena", "mateo",
        "nadia", "oskar", "priya", "quinn", "rahul", "sofia", "tomas", "uma", "viktor", "wen", "yusuf", "zoe",
    ]

    /// ClusterRoles (all defined by the sample cluster) that generated ClusterRoleBindings grant, with weights.
    /// A few grants are planted findings (cluster-admin, ops-wildcard, secret-reader to people).
    static let clusterGrants: [(role: String, weight: Int)] = [
        ("view", 35), ("namespace-viewer", 20), ("cert-manager-view", 8), ("external-secrets-view", 7),
        ("kyverno:rbac:view", 5), ("edit", 10), ("admin", 5), ("secret-reader", 4), ("system:auth-delegator", 3),
        ("ops-wildcard", 2), ("cluster-admin", 1),
    ]

    /// `rolebindings-per-ns` RoleBindings: team groups on view/edit, CI on the deployer Role, leads on admin,
    /// each app's service account on view, then assorted grants. Planted in about 2% of namespaces: the
    /// `default` service account bound to cluster-admin.
    mutating func emitRoleBindings(_ plan: NamespacePlan, _ rng: inout SplitMix64) throws {
        let count = spec.roleBindingsPerNamespace
        for position in 0..<count {
            let name: String
            let role: (kind: String, name: String)
            var subjects: [JSONValue]
            let appPosition = position - 4
            if plan.defaultAdminBinding && position == count - 1 {
                name = "default-sa-cluster-admin"
                role = ("ClusterRole", "cluster-admin")
                subjects = [Self.serviceAccount("default", plan.name)]
            } else if position == 0 {
                name = "\(plan.team)-developers-view"
                role = ("ClusterRole", "view")
                subjects = [Self.group("oidc:\(plan.team)-developers")]
            } else if position == 1 {
                name = "\(plan.team)-oncall-edit"
                role = ("ClusterRole", "edit")
                subjects = [Self.group("oidc:\(plan.team)-oncall")]
            } else if position == 2 {
                name = "\(plan.team)-ci-deployer"
                role = ("Role", "\(plan.team)-deployer")
                subjects = [Self.group("oidc:\(plan.team)-ci")]
            } else if position == 3 {
                name = "\(plan.team)-leads-admin"
                role = ("ClusterRole", "admin")
                subjects = (0..<(1 + rng.below(2))).map { _ in Self.user(Self.person(&rng)) }
            } else if appPosition < plan.apps.count {
                let app = plan.apps[appPosition]
                name = "\(app.name)-view"
                role = ("ClusterRole", "view")
                subjects = [Self.serviceAccount(app.name, plan.name)]
            } else {
                let grant = rng.pick(["view", "view", "edit", "namespace-viewer", "cert-manager-view"])
                name = "access-\(NamespacePlan.pad(position + 1, 3))-\(grant)"
                role = ("ClusterRole", grant)
                subjects = (0..<(1 + rng.below(3))).map { _ in
                    rng.percent(60)
                        ? Self.user(Self.person(&rng))
                        : Self.group("oidc:\(plan.team)-\(rng.pick(["qa", "sre", "data"]))")
                }
            }
            let created = plan.created.adding(seconds: 60 + position * 7)
            try emitBinding(
                kind: "RoleBinding",
                name: name,
                namespace: plan.name,
                role: role,
                subjects: subjects,
                created: created,
                &rng
            )
        }
    }

    /// `clusterrolebindings` ClusterRoleBindings from people, groups and app service accounts of random generated
    /// namespaces to the sample's ClusterRoles.
    mutating func emitClusterRoleBindings() throws {
        guard spec.namespaces > 0 else { return }
        var rng = SplitMix64(seed: spec.seed, stream: -2, purpose: 1)
        let totalWeight = Self.clusterGrants.reduce(0) { $0 + $1.weight }
        for position in 0..<spec.clusterRoleBindings {
            let plan = NamespacePlan(index: rng.below(spec.namespaces), spec: spec)
            var roll = rng.below(totalWeight)
            var grant = Self.clusterGrants[0].role
            for candidate in Self.clusterGrants {
                if roll < candidate.weight {
                    grant = candidate.role
                    break
                }
                roll -= candidate.weight
            }
            var subjects: [JSONValue] = []
            for _ in 0..<(1 + rng.below(3)) {
                switch rng.below(10) {
                case ..<4:
                    subjects.append(
                        Self.group("oidc:\(plan.team)-\(rng.pick(["developers", "sre", "readers", "audit"]))")
                    )
                case ..<8:
                    subjects.append(Self.user(Self.person(&rng)))
                default:
                    if let app = plan.apps.isEmpty ? nil : rng.pick(plan.apps) {
                        subjects.append(Self.serviceAccount(app.name, plan.name))
                    } else {
                        subjects.append(Self.serviceAccount("default", plan.name))
                    }
                }
            }
            let slug = grant.replacingOccurrences(of: ":", with: "-")
            try emitBinding(
                kind: "ClusterRoleBinding",
                name: "\(plan.team)-\(slug)-\(NamespacePlan.pad(position + 1, 5))",
                namespace: nil,
                role: ("ClusterRole", grant),
                subjects: subjects,
                created: GeneratedTime.random(in: plan.created...GeneratedTime.reboot, using: &rng),
                &rng
            )
        }
    }

    private mutating func emitBinding(
        kind: String,
        name: String,
        namespace: String?,
        role: (kind: String, name: String),
        subjects: [JSONValue],
        created: GeneratedTime,
        _ rng: inout SplitMix64
    ) throws {
        let roleRef: JSONValue = [
            "apiGroup": "rbac.authorization.k8s.io", "kind": .string(role.kind), "name": .string(role.name),
        ]
        var labels: [String: String] = [:]
        var annotations: [String: String] = [:]
        let viaKubectl = rng.percent(30)
        if viaKubectl {
            var manifestMetadata: JSONValue = ["annotations": .empty, "name": .string(name)]
            if let namespace { manifestMetadata["namespace"] = .string(namespace) }
            annotations[Self.lastAppliedKey] = Self.lastApplied([
                "apiVersion": .string(Self.rbacAPI), "kind": .string(kind), "metadata": manifestMetadata,
                "roleRef": roleRef, "subjects": .array(subjects),
            ])
        } else {
            labels["app.kubernetes.io/managed-by"] = "argocd"
            annotations["argocd.argoproj.io/tracking-id"] =
                "\(namespace ?? "cluster-rbac"):rbac.authorization.k8s.io/\(kind):\(namespace ?? "")/\(name)"
        }
        let managed = [
            ManagedFields.entry(
                manager: viaKubectl ? "kubectl-client-side-apply" : "argocd-controller",
                apiVersion: Self.rbacAPI,
                time: created,
                fields: [
                    "metadata": ["annotations": .map(annotations), "labels": .map(labels)], "roleRef": roleRef,
                    "subjects": [],
                ]
            )
        ]
        try emit([
            "apiVersion": .string(Self.rbacAPI), "kind": .string(kind),
            "metadata": metadata(
                name,
                namespace: namespace,
                uid: rng.uuid(),
                created: created,
                labels: labels,
                annotations: annotations,
                managedFields: managed
            ),
            "roleRef": roleRef,
            "subjects": .array(subjects),
        ])
    }

    private static func person(_ rng: inout SplitMix64) -> String {
        "\(rng.pick(people)).\(rng.suffix(1))@acme.example"
    }

    private static func user(_ name: String) -> JSONValue {
        ["apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": .string(name)]
    }

    private static func group(_ name: String) -> JSONValue {
        ["apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": .string(name)]
    }

    private static func serviceAccount(_ name: String, _ namespace: String) -> JSONValue {
        ["kind": "ServiceAccount", "name": .string(name), "namespace": .string(namespace)]
    }
}
