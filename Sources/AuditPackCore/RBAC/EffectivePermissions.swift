import Foundation

/// What every non-system subject can do, by permission and scope, with the bindings and roles that grant it:
/// the C03f evidence item and the C03 evaluator's input alike (both feed bindings through `add`).
public struct EffectivePermissions: Sendable {
    /// One binding and the role it grants.
    public struct Grant: Sendable, Codable, Hashable, Comparable {
        /// `ClusterRoleBinding alice-admin`, `RoleBinding shop/deployer`.
        public var binding: String
        /// `ClusterRole edit`, `Role shop/deployer`.
        public var role: String

        public init(binding: String, role: String) {
            self.binding = binding
            self.role = role
        }

        public static func < (lhs: Grant, rhs: Grant) -> Bool { (lhs.binding, lhs.role) < (rhs.binding, rhs.role) }
    }

    /// One permission of one subject in one scope.
    public struct Entry: Sendable, Codable, Equatable {
        public var permission: RBACPermission
        public var rule: String
        /// Nil: cluster-wide. Otherwise the namespace the RoleBindings grant it in.
        public var namespace: String?
        /// `all`, or `named` when every grant is limited to `resourceNames`.
        public var reach: RBACReach
        public var grantedBy: [Grant]
    }

    /// What names an item of the C03f list, as `metadata` names a Kubernetes object (so `diff` can pair items
    /// of two packages): `User:alice`, `ServiceAccount:api` in namespace `shop`, `RoleBinding:ghost` in `shop`.
    public struct Metadata: Sendable, Codable, Equatable {
        public var name: String
        public var namespace: String?
    }

    /// A subject and everything that matters it can do.
    public struct Subject: Sendable, Codable, Equatable {
        public var kind = "SubjectPermissions"
        public var metadata: Metadata
        public var subject: RBACSubject
        public var who: RBACSubject.Who
        public var permissions: [Entry]
    }

    /// A binding whose role does not exist: it grants nothing (reported for information).
    public struct Unresolved: Sendable, Codable, Equatable {
        public var kind = "UnresolvedBinding"
        public var metadata: Metadata
        public var binding: String
        public var role: String
        public var subjects: [RBACSubject]
        public var note = "the role does not exist: the binding grants nothing until it is created"
    }

    struct Key: Hashable {
        var permission: RBACPermission
        var namespace: String?
    }

    public let policy: RBACSubjectPolicy
    private var subjects: [RBACSubject: [Key: (reach: RBACReach, grants: Set<Grant>)]] = [:]
    private var who: [RBACSubject: RBACSubject.Who] = [:]
    public private(set) var unresolved: [Unresolved] = []

    public init(policy: RBACSubjectPolicy) {
        self.policy = policy
    }

    /// Adds what `binding` grants its non-system subjects, resolved against `roles`.
    public mutating func add(_ binding: RBACBinding, roles: RBACRoleIndex) {
        let grantees = binding.grantees(policy).filter { !policy.isSystem($0) }
        guard !grantees.isEmpty else { return }
        guard let permissions = roles.permissions(of: binding) else {
            unresolved.append(
                Unresolved(
                    metadata: Metadata(name: "\(binding.kind):\(binding.name)", namespace: binding.namespace),
                    binding: binding.description,
                    role: binding.roleDescription,
                    subjects: grantees.sorted()
                )
            )
            return
        }
        guard !permissions.isEmpty else { return }
        let grant = Grant(binding: binding.description, role: binding.roleDescription)
        for subject in grantees {
            who[subject] = policy.classify(subject)
            for (permission, reach) in permissions {
                let key = Key(permission: permission, namespace: binding.namespace)
                var current = subjects[subject, default: [:]][key] ?? (reach, [])
                if reach == .all { current.reach = .all }
                current.grants.insert(grant)
                subjects[subject, default: [:]][key] = current
            }
        }
    }

    /// Every subject with at least one permission that matters, sorted; permissions most powerful first,
    /// cluster-wide before namespaces.
    public var bySubject: [Subject] {
        subjects.keys.sorted().map { subject in
            let entries = (subjects[subject] ?? [:]).map { key, value in
                Entry(
                    permission: key.permission,
                    rule: key.permission.rule,
                    namespace: key.namespace,
                    reach: value.reach,
                    grantedBy: value.grants.sorted()
                )
            }
            .sorted { ($0.permission, $0.namespace ?? "") < ($1.permission, $1.namespace ?? "") }
            return Subject(
                metadata: Metadata(name: "\(subject.kind):\(subject.name)", namespace: subject.namespace),
                subject: subject,
                who: who[subject] ?? .human,
                permissions: entries
            )
        }
    }

    /// Unresolved bindings in name order.
    public var unresolvedByName: [Unresolved] {
        unresolved.sorted { $0.binding < $1.binding }
    }

    /// Subjects that can do `permission`, in any scope.
    public func subjects(with permission: RBACPermission) -> [Subject] {
        bySubject.compactMap { subject in
            let entries = subject.permissions.filter { $0.permission == permission }
            guard !entries.isEmpty else { return nil }
            var kept = subject
            kept.permissions = entries
            return kept
        }
    }
}
