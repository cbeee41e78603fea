import Foundation
import KubeEmulator

extension GenerationRun {
    /// Everything in one generated namespace, the Namespace object first.
    mutating func emitNamespace(_ plan: NamespacePlan) throws {
        var rng = SplitMix64(seed: spec.seed, stream: plan.index, purpose: 1)
        resourceVersion = namespaceResourceVersion(plan.index)
        podCount = plan.index * spec.podsPerNamespace
        try emitNamespaceObject(plan, &rng)
        try emitServiceAccounts(plan, &rng)
        try emitRootCAConfigMap(plan, &rng)
        try emitCredentials(plan, &rng)
        try emitDeployerRole(plan, &rng)
        for app in plan.apps {
            try emitWorkload(app, plan, &rng)
        }
        try emitRoleBindings(plan, &rng)
        try emitNetworkPolicies(plan, &rng)
        if plan.hasCertificate {
            try emitCertificate(plan, &rng)
        }
    }

    /// Pod Security Standards labels for the namespace's level.
    static func podSecurityLabels(_ plan: NamespacePlan) -> [String: String] {
        let version = plan.podSecurityVersion
        func labels(_ modes: [(String, String)]) -> [String: String] {
            var labels: [String: String] = [:]
            for (mode, level) in modes {
                labels["pod-security.kubernetes.io/\(mode)"] = level
                labels["pod-security.kubernetes.io/\(mode)-version"] = version
            }
            return labels
        }
        switch plan.podSecurity {
        case .restricted: return labels([("enforce", "restricted"), ("audit", "restricted"), ("warn", "restricted")])
        case .baseline: return labels([("enforce", "baseline"), ("audit", "restricted"), ("warn", "restricted")])
        case .auditOnly: return labels([("audit", "baseline"), ("warn", "baseline")])
        case .unlabeled: return [:]
        case .privileged: return labels([("enforce", "privileged"), ("warn", "baseline")])
        }
    }

    private mutating func emitNamespaceObject(_ plan: NamespacePlan, _ rng: inout SplitMix64) throws {
        var labels = Self.podSecurityLabels(plan)
        labels["kubernetes.io/metadata.name"] = plan.name
        labels["team"] = plan.team
        labels["environment"] = plan.environment
        labels["acme.example/tenant"] = "true"
        if rng.percent(80) { labels["owner"] = "\(plan.team).acme.example" }
        var annotations = [
            "acme.example/cost-center": "cc-\(1000 + rng.below(9000))",
            "acme.example/contact": "\(plan.team)-oncall@acme.example",
        ]
        let viaKubectl = rng.percent(40)
        if viaKubectl {
            let manifest: JSONValue = [
                "apiVersion": "v1", "kind": "Namespace",
                "metadata": ["annotations": .map(annotations), "labels": .map(labels), "name": .string(plan.name)],
            ]
            annotations[Self.lastAppliedKey] = Self.lastApplied(manifest)
        }
        let uid = rng.uuid()
        let managed = [
            ManagedFields.entry(
                manager: viaKubectl ? "kubectl-client-side-apply" : "argocd-controller",
                apiVersion: "v1",
                time: plan.created,
                fields: ["metadata": ["annotations": .map(annotations), "labels": .map(labels)]]
            )
        ]
        try emit([
            "apiVersion": "v1", "kind": "Namespace",
            "metadata": metadata(
                plan.name,
                uid: uid,
                created: plan.created,
                labels: labels,
                annotations: annotations,
                managedFields: managed
            ),
            "spec": ["finalizers": ["kubernetes"]],
            "status": ["phase": "Active"],
        ])
    }

    /// `default` plus one per app.
    private mutating func emitServiceAccounts(_ plan: NamespacePlan, _ rng: inout SplitMix64) throws {
        try emit([
            "apiVersion": "v1", "kind": "ServiceAccount",
            "metadata": metadata("default", namespace: plan.name, uid: rng.uuid(), created: plan.created),
        ])
        for app in plan.apps {
            let labels = ["app.kubernetes.io/name": app.name, "app.kubernetes.io/part-of": plan.team]
            var fields: JSONValue = ["metadata": ["labels": .map(labels)]]
            if !app.automountToken { fields["automountServiceAccountToken"] = false }
            var object: JSONValue = [
                "apiVersion": "v1", "kind": "ServiceAccount",
                "metadata": metadata(
                    app.name,
                    namespace: plan.name,
                    uid: rng.uuid(),
                    created: app.created,
                    labels: labels,
                    managedFields: [
                        ManagedFields.entry(
                            manager: "argocd-controller",
                            apiVersion: "v1",
                            time: app.created,
                            fields: fields
                        )
                    ]
                ),
            ]
            if !app.automountToken { object["automountServiceAccountToken"] = false }
            try emit(object)
        }
    }

    private mutating func emitRootCAConfigMap(_ plan: NamespacePlan, _ rng: inout SplitMix64) throws {
        let annotations = [
            "kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when "
                + "using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage "
                + "is guaranteed across distributions of Kubernetes clusters."
        ]
        let data: JSONValue = ["ca.crt": .string(material.clusterCA)]
        try emit([
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": metadata(
                "kube-root-ca.crt",
                namespace: plan.name,
                uid: rng.uuid(),
                created: plan.created,
                annotations: annotations,
                managedFields: [
                    ManagedFields.entry(
                        manager: "kube-controller-manager",
                        apiVersion: "v1",
                        time: plan.created,
                        fields: ["data": data, "metadata": ["annotations": .map(annotations)]]
                    )
                ]
            ),
            "data": data,
        ])
    }

    /// A Role that lets the team's CI roll out workloads.
    private mutating func emitDeployerRole(_ plan: NamespacePlan, _ rng: inout SplitMix64) throws {
        let rules: JSONValue = [
            [
                "apiGroups": ["apps"], "resources": ["deployments", "replicasets"],
                "verbs": ["get", "list", "watch", "create", "update", "patch"],
            ],
            ["apiGroups": [""], "resources": ["pods", "pods/log", "services"], "verbs": ["get", "list", "watch"]],
            ["apiGroups": [""], "resources": ["configmaps"], "verbs": ["get", "list", "watch", "create", "update"]],
        ]
        try emit([
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
            "metadata": metadata(
                "\(plan.team)-deployer",
                namespace: plan.name,
                uid: rng.uuid(),
                created: plan.created,
                labels: ["app.kubernetes.io/managed-by": "argocd"],
                managedFields: [
                    ManagedFields.entry(
                        manager: "argocd-controller",
                        apiVersion: "rbac.authorization.k8s.io/v1",
                        time: plan.created,
                        fields: ["rules": []]
                    )
                ]
            ),
            "rules": rules,
        ])
    }
}
