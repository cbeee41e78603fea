import Foundation

/// Who a (Cluster)RoleBinding grants to: a User, a Group or a ServiceAccount.
public struct RBACSubject: Sendable, Codable, Hashable, Comparable {
    /// How the C03 severity ladder sees a subject.
    public enum Who: String, Sendable, Codable {
        /// `system:anonymous`, `system:unauthenticated`: anyone who can reach the API server.
        case anonymous
        /// `system:authenticated`, `system:serviceaccounts[:ns]`: every identity (or every workload).
        case everyone
        /// A person or a named group of people.
        case human
        /// A workload's identity (a ServiceAccount).
        case workload
        /// A Kubernetes or kubeadm component.
        case system
    }

    public var kind: String
    public var name: String
    /// The ServiceAccount's namespace (defaulted to the RoleBinding's when the subject omits it).
    public var namespace: String?

    public init(kind: String, name: String, namespace: String? = nil) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }

    /// `ServiceAccount shop/api`, `User alice@example.com`.
    public var description: String {
        "\(kind) \(namespace.map { "\($0)/" } ?? "")\(name)"
    }

    public static func < (lhs: RBACSubject, rhs: RBACSubject) -> Bool {
        (lhs.kind, lhs.namespace ?? "", lhs.name) < (rhs.kind, rhs.namespace ?? "", rhs.name)
    }
}
