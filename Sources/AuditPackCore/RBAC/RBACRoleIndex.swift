import Foundation

/// What each Role and ClusterRole grants, by permission, through a ClusterRoleBinding (cluster-wide) and
/// through a RoleBinding (its namespace only). Roles are reduced to these facts as they are added, so thousands
/// of namespaced Roles stay a few entries each; ClusterRoles are kept until `resolve()` because an aggregated
/// ClusterRole needs the others' labels and rules.
public struct RBACRoleIndex: Sendable {
    public struct Facts: Sendable, Equatable {
        /// Through a ClusterRoleBinding (nil for a namespaced Role, which only a RoleBinding can grant).
        public var cluster: [RBACPermission: RBACReach]?
        /// Through a RoleBinding, within its namespace.
        public var namespaced: [RBACPermission: RBACReach]
        /// A role whose rules are all about non-resource URLs (`/healthz`, `/version`).
        public var onlyNonResourceURLs: Bool
        /// The aggregated ClusterRole was served without rules, so they were aggregated here from its selectors.
        public var aggregatedHere: Bool
    }

    private var pendingClusterRoles: [String: RBACRole] = [:]
    private var factsByKey: [String: Facts] = [:]

    public init() {}

    public mutating func addClusterRole(_ role: RBACRole) {
        pendingClusterRoles[role.name] = role
    }

    public mutating func addRole(_ role: RBACRole) {
        let rules = role.rules ?? []
        factsByKey["Role/\(role.metadata?.namespace ?? "")/\(role.name)"] = Facts(
            cluster: nil,
            namespaced: Self.permissions(rules, namespaced: true),
            onlyNonResourceURLs: Self.onlyNonResourceURLs(rules),
            aggregatedHere: false
        )
    }

    /// Computes the ClusterRoles' facts. Rules are used as served (the API server's aggregation controller
    /// fills in aggregated ClusterRoles); an aggregated ClusterRole served with no rules gets the union of the
    /// rules of the ClusterRoles its selectors match, recursively.
    public mutating func resolve() {
        let roles = pendingClusterRoles
        var cache: [String: [RBACPolicyRule]] = [:]
        func rules(_ name: String, visiting: Set<String>) -> [RBACPolicyRule] {
            if let known = cache[name] { return known }
            guard let role = roles[name] else { return [] }
            var result = role.rules ?? []
            let selectors = role.aggregationRule?.clusterRoleSelectors ?? []
            if result.isEmpty && !selectors.isEmpty {
                for (other, candidate) in roles.sorted(by: { $0.key < $1.key })
                where other != name && !visiting.contains(other)
                    && selectors.contains(where: { $0.matches(candidate.metadata?.labels ?? [:]) })
                {
                    result += rules(other, visiting: visiting.union([name]))
                }
            }
            cache[name] = result
            return result
        }
        for (name, role) in roles {
            let resolved = rules(name, visiting: [])
            factsByKey["ClusterRole/\(name)"] = Facts(
                cluster: Self.permissions(resolved, namespaced: false),
                namespaced: Self.permissions(resolved, namespaced: true),
                onlyNonResourceURLs: Self.onlyNonResourceURLs(resolved),
                aggregatedHere: (role.rules ?? []).isEmpty && !resolved.isEmpty
            )
        }
        pendingClusterRoles = [:]
    }

    /// The facts of the role a binding refers to; nil when that role does not exist (the binding grants nothing).
    public func facts(for binding: RBACBinding) -> Facts? {
        let name = binding.roleRef?.name ?? ""
        switch binding.roleRef?.kind ?? "" {
        case "ClusterRole": return factsByKey["ClusterRole/\(name)"]
        case "Role" where binding.namespace != nil: return factsByKey["Role/\(binding.namespace ?? "")/\(name)"]
        default: return nil
        }
    }

    /// What the binding grants: cluster-wide for a ClusterRoleBinding, within its namespace for a RoleBinding.
    public func permissions(of binding: RBACBinding) -> [RBACPermission: RBACReach]? {
        guard let facts = facts(for: binding) else { return nil }
        return binding.namespace == nil ? facts.cluster : facts.namespaced
    }

    static func permissions(_ rules: [RBACPolicyRule], namespaced: Bool) -> [RBACPermission: RBACReach] {
        var result: [RBACPermission: RBACReach] = [:]
        for permission in RBACPermission.allCases {
            if let reach = permission.grant(by: rules, namespaced: namespaced) { result[permission] = reach }
        }
        return result
    }

    static func onlyNonResourceURLs(_ rules: [RBACPolicyRule]) -> Bool {
        !rules.isEmpty && rules.allSatisfy(\.isNonResourceOnly)
    }
}
