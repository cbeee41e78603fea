import Foundation
import KubeEmulator

/// A small cluster written in the tests, independent of the bundled sample data.
enum TestCluster {
    static func json(_ object: [String: Any]) -> Data {
        // Test data is always valid JSON.
        try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    static func meta(
        _ name: String,
        namespace: String? = nil,
        labels: [String: String] = [:],
        rv: Int = 1
    )
        -> [String: Any]
    {
        var metadata: [String: Any] = [
            "name": name, "uid": "uid-\(namespace ?? "cluster")-\(name)", "resourceVersion": "\(rv)",
            "creationTimestamp": "2024-05-01T10:00:00Z",
        ]
        if let namespace { metadata["namespace"] = namespace }
        if !labels.isEmpty { metadata["labels"] = labels }
        return metadata
    }

    static func namespace(_ name: String) -> Data {
        json(["apiVersion": "v1", "kind": "Namespace", "metadata": meta(name), "status": ["phase": "Active"]])
    }

    static func pod(
        _ name: String,
        namespace: String,
        labels: [String: String] = [:],
        containers: [String],
        phase: String
    )
        -> Data
    {
        json([
            "apiVersion": "v1", "kind": "Pod", "metadata": meta(name, namespace: namespace, labels: labels),
            "spec": ["containers": containers.map { ["name": $0, "image": "registry.example/\($0):1.0"] }],
            "status": ["phase": phase],
        ])
    }

    static func crd(group: String, plural: String, kind: String, namespaced: Bool = true) -> Data {
        json([
            "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
            "metadata": meta("\(plural).\(group)"),
            "spec": [
                "group": group, "scope": namespaced ? "Namespaced" : "Cluster",
                "names": ["plural": plural, "singular": kind.lowercased(), "kind": kind, "listKind": "\(kind)List"],
                "versions": [
                    ["name": "v1", "served": true, "storage": true],
                    ["name": "v1beta1", "served": true, "storage": false],
                ],
            ],
        ])
    }

    static let objects: [Data] = [
        namespace("default"), namespace("kube-system"), namespace("kube-bench"), namespace("team-a"),
        pod(
            "kube-apiserver-cp1",
            namespace: "kube-system",
            labels: ["component": "kube-apiserver", "tier": "control-plane"],
            containers: ["kube-apiserver"],
            phase: "Running"
        ),
        pod(
            "etcd-cp1",
            namespace: "kube-system",
            labels: ["component": "etcd", "tier": "control-plane"],
            containers: ["etcd"],
            phase: "Running"
        ),
        pod(
            "coredns-1",
            namespace: "kube-system",
            labels: ["k8s-app": "kube-dns"],
            containers: ["coredns"],
            phase: "Running"
        ),
        pod(
            "kube-bench-x7k2p",
            namespace: "kube-bench",
            labels: ["app": "kube-bench"],
            containers: ["kube-bench"],
            phase: "Succeeded"
        ),
        pod(
            "web-1",
            namespace: "team-a",
            labels: ["app": "web", "env": "prod"],
            containers: ["web", "sidecar"],
            phase: "Running"
        ),
        pod(
            "web-2",
            namespace: "team-a",
            labels: ["app": "web", "env": "staging"],
            containers: ["web"],
            phase: "Pending"
        ),
        json([
            "apiVersion": "v1", "kind": "Secret", "metadata": meta("db-password", namespace: "team-a"),
            "type": "Opaque",
            "data": ["password": "c2VjcmV0"],
        ]),
        json([
            "apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": meta("default-deny", namespace: "team-a"),
            "spec": ["podSelector": [String: Any](), "policyTypes": ["Ingress", "Egress"]],
        ]),
        json([
            "apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
            "metadata": meta("allow-dns", namespace: "kube-system"), "spec": ["podSelector": [String: Any]()],
        ]),
        json([
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
            "metadata": meta("cluster-admin"),
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"],
            "subjects": [["apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "system:masters"]],
        ]),
        json([
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
            "metadata": meta("auditors-view"),
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"],
            "subjects": [["apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "auditors"]],
        ]),
        crd(group: "cert-manager.io", plural: "certificates", kind: "Certificate"),
        crd(group: "external-secrets.io", plural: "externalsecrets", kind: "ExternalSecret"),
        json([
            "apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": meta("web-tls", namespace: "team-a"),
            "spec": ["secretName": "web-tls", "dnsNames": ["web.example.com"]],
        ]),
        json([
            "apiVersion": "cert-manager.io/v1", "kind": "Certificate",
            "metadata": meta("api-tls", namespace: "default"),
            "spec": ["secretName": "api-tls", "dnsNames": ["api.example.com"]],
        ]),
        json([
            "apiVersion": "external-secrets.io/v1beta1", "kind": "ExternalSecret",
            "metadata": meta("db", namespace: "team-a"), "spec": ["refreshInterval": "1h"],
        ]),
    ]

    static let logs: [LogKey: String] = [
        LogKey(namespace: "kube-bench", pod: "kube-bench-x7k2p", container: "kube-bench"):
            "[INFO] 1 Control Plane Security Configuration\n[PASS] 1.1.1 Ensure that the API server pod "
            + "specification file permissions are set to 600 or more restrictive\n== Summary ==\n42 checks PASS\n",
        LogKey(namespace: "team-a", pod: "web-1", container: "web"): "line 1\nline 2\nline 3\n",
        LogKey(namespace: "team-a", pod: "web-1", container: "sidecar"): "sidecar ready\n",
    ]

    static func store() throws -> ClusterStore {
        try ClusterStore(objectsJSON: objects, logs: logs)
    }
}
