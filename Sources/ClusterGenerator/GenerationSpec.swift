import Foundation

/// How big a synthetic cluster ``ClusterGenerator`` builds, and from which seed.
///
/// Written as `namespaces=N[,pods-per-ns=P,rolebindings-per-ns=R,networkpolicies-per-ns=K,clusterrolebindings=C,seed=S]`
/// (see ``init(parsing:)``). `namespaces=2000` gives about 20,000 pods, 20,000 RoleBindings, 4,000 NetworkPolicies and
/// 5,000 ClusterRoleBindings, plus the workloads, service accounts and custom resources around them.
public struct GenerationSpec: Sendable, Hashable, CustomStringConvertible {
    /// Generated namespaces (the sample cluster's own 15 come on top).
    public var namespaces: Int
    /// Pods per generated namespace, run by Deployments of three to five replicas.
    public var podsPerNamespace: Int
    /// RoleBindings per generated namespace.
    public var roleBindingsPerNamespace: Int
    /// NetworkPolicies per generated namespace (the first is usually a default deny).
    public var networkPoliciesPerNamespace: Int
    /// Generated ClusterRoleBindings.
    public var clusterRoleBindings: Int
    /// The seed: the same spec always gives byte-identical objects.
    public var seed: UInt64

    /// The spec grammar, for messages and help texts.
    public static let grammar =
        "namespaces=N[,pods-per-ns=P,rolebindings-per-ns=R,networkpolicies-per-ns=K,clusterrolebindings=C,seed=S]"

    public static let defaultPodsPerNamespace = 10
    public static let defaultRoleBindingsPerNamespace = 10
    public static let defaultNetworkPoliciesPerNamespace = 2
    public static let defaultSeed: UInt64 = 1

    /// The default ClusterRoleBinding count for `namespaces`: 2.5 per namespace.
    public static func defaultClusterRoleBindings(namespaces: Int) -> Int {
        namespaces * 5 / 2
    }

    /// A spec; `clusterRoleBindings` nil means 2.5 × `namespaces`.
    public init(
        namespaces: Int,
        podsPerNamespace: Int = GenerationSpec.defaultPodsPerNamespace,
        roleBindingsPerNamespace: Int = GenerationSpec.defaultRoleBindingsPerNamespace,
        networkPoliciesPerNamespace: Int = GenerationSpec.defaultNetworkPoliciesPerNamespace,
        clusterRoleBindings: Int? = nil,
        seed: UInt64 = GenerationSpec.defaultSeed
    ) {
        self.namespaces = namespaces
        self.podsPerNamespace = podsPerNamespace
        self.roleBindingsPerNamespace = roleBindingsPerNamespace
        self.networkPoliciesPerNamespace = networkPoliciesPerNamespace
        self.clusterRoleBindings = clusterRoleBindings ?? Self.defaultClusterRoleBindings(namespaces: namespaces)
        self.seed = seed
    }

    /// The spec with every key spelled out, e.g.
    /// `namespaces=5,pods-per-ns=10,rolebindings-per-ns=10,networkpolicies-per-ns=2,clusterrolebindings=12,seed=1`.
    public var description: String {
        "namespaces=\(namespaces),pods-per-ns=\(podsPerNamespace),rolebindings-per-ns=\(roleBindingsPerNamespace),"
            + "networkpolicies-per-ns=\(networkPoliciesPerNamespace),clusterrolebindings=\(clusterRoleBindings),"
            + "seed=\(seed)"
    }

    /// Deployments per namespace: one per three pods (so apps run three to five replicas; fewer pods than
    /// three make one app).
    var appsPerNamespace: Int {
        podsPerNamespace == 0 ? 0 : max(1, podsPerNamespace / 3)
    }

    /// Kyverno ClusterPolicies generated on top of the sample's: one per 20 namespaces (at least one).
    var clusterPolicies: Int {
        namespaces == 0 ? 0 : (namespaces + 19) / 20
    }
}
