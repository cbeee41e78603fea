import Foundation
import KubeEmulator

/// Changes to the sample cluster between two collections, as a real cluster changes between daily runs.
extension ClusterStore {
    /// The store with one object replaced by `change(object)`.
    public func replacing(
        kind: String,
        namespace: String? = nil,
        name: String,
        _ change: (inout [String: Any]) -> Void
    ) throws -> ClusterStore {
        let matches: ([String: Any]) -> Bool = { object in
            let metadata = object["metadata"] as? [String: Any] ?? [:]
            return object["kind"] as? String == kind && metadata["name"] as? String == name
                && metadata["namespace"] as? String == namespace
        }
        guard
            var object = objects(kind: kind).compactMap({
                try? JSONSerialization.jsonObject(with: $0) as? [String: Any]
            }).first(where: matches)
        else { throw KubeEmulatorError.invalidObject(source: "test", reason: "no \(kind) \(name)") }
        change(&object)
        return try keeping { !matches($0) }.adding(objectsJSON: [try JSONSerialization.data(withJSONObject: object)])
    }

    /// The store without one object.
    public func removing(kind: String, namespace: String? = nil, name: String) throws -> ClusterStore {
        try keeping { object in
            let metadata = object["metadata"] as? [String: Any] ?? [:]
            return
                !(object["kind"] as? String == kind && metadata["name"] as? String == name
                && metadata["namespace"] as? String == namespace)
        }
    }

    /// The store with only the objects `keep` selects (pod logs kept).
    public func keeping(_ keep: ([String: Any]) -> Bool) throws -> ClusterStore {
        let kept = kinds.flatMap { objects(kind: $0) }.filter { data in
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return true }
            return keep(object)
        }
        return try ClusterStore(objectsJSON: kept, logs: allLogs)
    }

    /// The store plus a ClusterRoleBinding granting cluster-admin to the group `ci-admins`.
    public func addingClusterAdminBinding(_ name: String = "ci-admin") throws -> ClusterStore {
        let binding: [String: Any] = [
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
            "metadata": [
                "name": name, "uid": "5d1f0c6e-2b7a-4c1e-9f3d-7a8b9c0d1e2f", "resourceVersion": "300001",
                "creationTimestamp": "2026-11-02T09:00:00Z",
            ],
            "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"],
            "subjects": [["apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "ci-admins"]],
        ]
        return try adding(objectsJSON: [try JSONSerialization.data(withJSONObject: binding)])
    }

    /// The four changes of the diff scenario: a new cluster-admin binding, NetworkPolicy
    /// payments/allow-api-to-db removed, namespace checkout relabelled from restricted to privileged, and
    /// certificate frontend/frontend-tls renewed (new validity, revision 3). Volatile fields change too:
    /// they must not count.
    public func withScenarioChanges() throws -> ClusterStore {
        try addingClusterAdminBinding()
            .removing(kind: "NetworkPolicy", namespace: "payments", name: "allow-api-to-db")
            .replacing(kind: "Namespace", name: "checkout") { namespace in
                var metadata = namespace["metadata"] as? [String: Any] ?? [:]
                var labels = metadata["labels"] as? [String: Any] ?? [:]
                labels["pod-security.kubernetes.io/enforce"] = "privileged"
                metadata["labels"] = labels
                metadata["resourceVersion"] = "300002"
                namespace["metadata"] = metadata
            }
            .replacing(kind: "Certificate", namespace: "frontend", name: "frontend-tls") { certificate in
                var status = certificate["status"] as? [String: Any] ?? [:]
                status["notBefore"] = "2026-11-03T09:30:00Z"
                status["notAfter"] = "2027-11-03T09:30:00Z"
                status["renewalTime"] = "2027-10-04T09:30:00Z"
                status["revision"] = 3
                certificate["status"] = status
                var metadata = certificate["metadata"] as? [String: Any] ?? [:]
                metadata["resourceVersion"] = "300003"
                certificate["metadata"] = metadata
            }
            // Only volatile fields: not a change.
            .replacing(kind: "NetworkPolicy", namespace: "checkout", name: "default-deny-all") { policy in
                var metadata = policy["metadata"] as? [String: Any] ?? [:]
                metadata["resourceVersion"] = "300004"
                metadata["managedFields"] = [["manager": "kubectl", "operation": "Update"]]
                policy["metadata"] = metadata
            }
    }

    /// The uid of the sample cluster's kube-system namespace (its README).
    public static let sampleClusterIDForTests = "6f1c3f2a-7d4b-4e0e-9a51-0c2f3d4e5a61"

    /// The sample with the kube-apiserver's audit log flags removed: C07 fails.
    public func withoutAuditLogging() throws -> ClusterStore {
        try replacing(kind: "Pod", namespace: "kube-system", name: "kube-apiserver-cp-1") { pod in
            var spec = pod["spec"] as? [String: Any] ?? [:]
            var containers = spec["containers"] as? [[String: Any]] ?? []
            let command = containers[0]["command"] as? [String] ?? []
            containers[0]["command"] = command.filter { !$0.hasPrefix("--audit-") }
            spec["containers"] = containers
            pod["spec"] = spec
        }
    }
}
