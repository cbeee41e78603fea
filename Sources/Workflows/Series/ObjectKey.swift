/// What identifies a Kubernetes object across two packages: kind, namespace and name.
struct ObjectKey: Hashable, Comparable {
    var kind: String
    var namespace: String?
    var name: String

    init(_ object: [String: Any]) {
        let metadata = object["metadata"] as? [String: Any] ?? [:]
        kind = object["kind"] as? String ?? "Object"
        namespace = metadata["namespace"] as? String
        name = metadata["name"] as? String ?? ""
    }

    static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
        (lhs.kind, lhs.namespace ?? "", lhs.name) < (rhs.kind, rhs.namespace ?? "", rhs.name)
    }
}
