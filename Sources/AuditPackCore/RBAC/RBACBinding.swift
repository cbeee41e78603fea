import Foundation

/// The fields of a RoleBinding or ClusterRoleBinding that effective permissions read.
public struct RBACBinding: Sendable, Codable, Equatable {
    public struct Metadata: Sendable, Codable, Equatable {
        public var name: String?
        public var namespace: String?

        public init(name: String? = nil, namespace: String? = nil) {
            self.name = name
            self.namespace = namespace
        }
    }

    public struct Reference: Sendable, Codable, Equatable {
        public var kind: String?
        public var name: String?
        public var namespace: String?

        public init(kind: String? = nil, name: String? = nil, namespace: String? = nil) {
            self.kind = kind
            self.name = name
            self.namespace = namespace
        }
    }

    public var metadata: Metadata?
    public var roleRef: Reference?
    public var subjects: [Reference]?

    public init(metadata: Metadata?, roleRef: Reference?, subjects: [Reference]?) {
        self.metadata = metadata
        self.roleRef = roleRef
        self.subjects = subjects
    }

    public var name: String { metadata?.name ?? "" }
    /// Nil for a ClusterRoleBinding.
    public var namespace: String? { metadata?.namespace }
    /// `ClusterRoleBinding` or `RoleBinding`, from where the binding was listed (the namespace says it).
    public var kind: String { namespace == nil ? "ClusterRoleBinding" : "RoleBinding" }

    /// `RoleBinding shop/deployer`, `ClusterRoleBinding ci-admin`.
    public var description: String { "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name)" }

    /// `Role shop/deployer`, `ClusterRole edit`.
    public var roleDescription: String {
        let kind = roleRef?.kind ?? "ClusterRole"
        let name = roleRef?.name ?? ""
        // A Role is the binding's namespace's; a ClusterRoleBinding naming a Role is invalid and grants nothing.
        guard kind == "Role", let namespace else { return "\(kind) \(name)" }
        return "Role \(namespace)/\(name)"
    }

    /// The subjects as granted, with ServiceAccount namespaces defaulted to this binding's.
    public func grantees(_ policy: RBACSubjectPolicy) -> [RBACSubject] {
        (subjects ?? []).map {
            policy.subject(kind: $0.kind, name: $0.name, namespace: $0.namespace, bindingNamespace: namespace)
        }
    }
}
