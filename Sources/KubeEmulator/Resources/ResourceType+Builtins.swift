import Foundation

extension ResourceType {
    /// The built-in types the emulator knows, grouped the way a v1.30 API server serves them.
    static let builtins: [ResourceType] = core + workloads + policy + extensions

    /// The order of built-in groups in `/apis`, as a real API server lists them.
    static let builtinGroupOrder = [
        "apps", "authentication.k8s.io", "authorization.k8s.io", "batch", "networking.k8s.io", "policy",
        "rbac.authorization.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io",
    ]

    /// A built-in type; the singular name is the lowercased kind, and `status` adds a `<resource>/status`
    /// subresource.
    private static func builtin(
        _ group: String,
        _ resource: String,
        _ kind: String,
        namespaced: Bool = true,
        short: [String] = [],
        categories: [String] = [],
        verbs: [String] = readWriteVerbs,
        status: Bool = false,
        more: [Subresource] = []
    ) -> ResourceType {
        let statusSubresource = Subresource(name: "\(resource)/status", kind: kind, verbs: ["get", "patch", "update"])
        return ResourceType(
            group: group,
            versions: ["v1"],
            resource: resource,
            singular: kind.lowercased(),
            kind: kind,
            namespaced: namespaced,
            shortNames: short,
            categories: categories,
            verbs: verbs,
            subresources: (more + (status ? [statusSubresource] : [])).sorted { $0.name < $1.name }
        )
    }

    private static func sub(_ name: String, _ kind: String, _ verbs: [String]) -> Subresource {
        Subresource(name: name, kind: kind, verbs: verbs)
    }

    private static let namespaceVerbs = ["create", "delete", "get", "list", "patch", "update", "watch"]
    private static let scale = ["get", "patch", "update"]

    private static let core: [ResourceType] = [
        builtin("", "configmaps", "ConfigMap", short: ["cm"]),
        builtin("", "endpoints", "Endpoints", short: ["ep"]),
        builtin("", "events", "Event", short: ["ev"]),
        builtin("", "limitranges", "LimitRange", short: ["limits"]),
        builtin(
            "",
            "namespaces",
            "Namespace",
            namespaced: false,
            short: ["ns"],
            verbs: namespaceVerbs,
            status: true,
            more: [sub("namespaces/finalize", "Namespace", ["update"])]
        ),
        builtin(
            "",
            "nodes",
            "Node",
            namespaced: false,
            short: ["no"],
            status: true,
            more: [sub("nodes/proxy", "NodeProxyOptions", ["create", "delete", "get", "patch", "update"])]
        ),
        builtin("", "persistentvolumeclaims", "PersistentVolumeClaim", short: ["pvc"], status: true),
        builtin("", "persistentvolumes", "PersistentVolume", namespaced: false, short: ["pv"], status: true),
        builtin(
            "",
            "pods",
            "Pod",
            short: ["po"],
            categories: ["all"],
            status: true,
            more: [
                sub("pods/attach", "PodAttachOptions", ["create", "get"]), sub("pods/binding", "Binding", ["create"]),
                sub("pods/eviction", "Eviction", ["create"]), sub("pods/exec", "PodExecOptions", ["create", "get"]),
                sub("pods/log", "Pod", ["get"]),
            ]
        ),
        builtin("", "resourcequotas", "ResourceQuota", short: ["quota"], status: true),
        builtin("", "secrets", "Secret"),
        builtin(
            "",
            "serviceaccounts",
            "ServiceAccount",
            short: ["sa"],
            more: [sub("serviceaccounts/token", "TokenRequest", ["create"])]
        ),
        builtin("", "services", "Service", short: ["svc"], categories: ["all"], status: true),
    ]

    private static let workloads: [ResourceType] = [
        builtin("apps", "controllerrevisions", "ControllerRevision"),
        builtin("apps", "daemonsets", "DaemonSet", short: ["ds"], categories: ["all"], status: true),
        builtin(
            "apps",
            "deployments",
            "Deployment",
            short: ["deploy"],
            categories: ["all"],
            status: true,
            more: [sub("deployments/scale", "Scale", scale)]
        ),
        builtin(
            "apps",
            "replicasets",
            "ReplicaSet",
            short: ["rs"],
            categories: ["all"],
            status: true,
            more: [sub("replicasets/scale", "Scale", scale)]
        ),
        builtin(
            "apps",
            "statefulsets",
            "StatefulSet",
            short: ["sts"],
            categories: ["all"],
            status: true,
            more: [sub("statefulsets/scale", "Scale", scale)]
        ),
        builtin("batch", "cronjobs", "CronJob", short: ["cj"], categories: ["all"], status: true),
        builtin("batch", "jobs", "Job", categories: ["all"], status: true),
    ]

    private static let policy: [ResourceType] = [
        builtin("networking.k8s.io", "ingressclasses", "IngressClass", namespaced: false),
        builtin("networking.k8s.io", "ingresses", "Ingress", short: ["ing"], status: true),
        builtin("networking.k8s.io", "networkpolicies", "NetworkPolicy", short: ["netpol"]),
        builtin("policy", "poddisruptionbudgets", "PodDisruptionBudget", short: ["pdb"], status: true),
        builtin("rbac.authorization.k8s.io", "clusterrolebindings", "ClusterRoleBinding", namespaced: false),
        builtin("rbac.authorization.k8s.io", "clusterroles", "ClusterRole", namespaced: false),
        builtin("rbac.authorization.k8s.io", "rolebindings", "RoleBinding"),
        builtin("rbac.authorization.k8s.io", "roles", "Role"),
    ]

    private static let admission = "admissionregistration.k8s.io"
    private static let apiExtensions = ["api-extensions"]

    private static let extensions: [ResourceType] = [
        builtin(
            admission,
            "mutatingwebhookconfigurations",
            "MutatingWebhookConfiguration",
            namespaced: false,
            categories: apiExtensions
        ),
        builtin(
            admission,
            "validatingadmissionpolicies",
            "ValidatingAdmissionPolicy",
            namespaced: false,
            categories: apiExtensions,
            status: true
        ),
        builtin(
            admission,
            "validatingadmissionpolicybindings",
            "ValidatingAdmissionPolicyBinding",
            namespaced: false,
            categories: apiExtensions
        ),
        builtin(
            admission,
            "validatingwebhookconfigurations",
            "ValidatingWebhookConfiguration",
            namespaced: false,
            categories: apiExtensions
        ),
        builtin(
            "apiextensions.k8s.io",
            "customresourcedefinitions",
            "CustomResourceDefinition",
            namespaced: false,
            short: ["crd", "crds"],
            categories: apiExtensions,
            status: true
        ),
        builtin(
            "authentication.k8s.io",
            "selfsubjectreviews",
            "SelfSubjectReview",
            namespaced: false,
            verbs: createOnly
        ),
        builtin("authentication.k8s.io", "tokenreviews", "TokenReview", namespaced: false, verbs: createOnly),
        builtin("authorization.k8s.io", "localsubjectaccessreviews", "LocalSubjectAccessReview", verbs: createOnly),
        builtin(
            "authorization.k8s.io",
            "selfsubjectaccessreviews",
            "SelfSubjectAccessReview",
            namespaced: false,
            verbs: createOnly
        ),
        builtin(
            "authorization.k8s.io",
            "selfsubjectrulesreviews",
            "SelfSubjectRulesReview",
            namespaced: false,
            verbs: createOnly
        ),
        builtin(
            "authorization.k8s.io",
            "subjectaccessreviews",
            "SubjectAccessReview",
            namespaced: false,
            verbs: createOnly
        ),
    ]
}
