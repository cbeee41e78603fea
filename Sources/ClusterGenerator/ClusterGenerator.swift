import Foundation
import KubeEmulator

/// Builds a large, realistic, deterministic cluster for benchmarks and scale tests: the bundled sample cluster
/// (CRDs, kube-system with the kube-apiserver pod, kube-bench Job, pod and log, planted findings) plus
/// generated tenant namespaces.
///
/// Each generated namespace (`<team>-<nnnn>`, e.g. `orders-0042`) holds: the Namespace (mixed Pod Security
/// labels), a `default` and one ServiceAccount per app, ConfigMap `kube-root-ca.crt`, a credentials Secret
/// (values carry `PLANTED-SECRET`) usually synced by an ExternalSecret, a deployer Role, Deployments →
/// ReplicaSets → pods (env mostly `valueFrom`; about 3% of apps plant literal secrets), VulnerabilityReports
/// for most containers, RoleBindings, NetworkPolicies (mostly starting with a default deny) and usually a
/// cert-manager Certificate with its CertificateRequest. Cluster-wide: ClusterRoleBindings to the sample's
/// ClusterRoles, per-team copies of the sample's Kyverno ClusterPolicies and one ClusterSecretStore.
///
/// The same spec always gives byte-identical objects (seeded ``SplitMix64``; no clock, no random UUIDs).
///
/// ```swift
/// let store = try ClusterGenerator(spec: GenerationSpec(parsing: "namespaces=200,seed=7")).store()
/// ```
public struct ClusterGenerator: Sendable {
    public let spec: GenerationSpec
    /// How many threads generate namespaces at once (nil: one per core). The objects do not depend on it.
    public var threads: Int?

    public init(spec: GenerationSpec) {
        self.spec = spec
    }

    /// A generator for a spec string (see ``GenerationSpec/init(parsing:)``).
    public init(parsing text: String) throws {
        self.spec = try GenerationSpec(parsing: text)
    }

    /// The sample cluster plus the generated objects.
    public func store() throws -> ClusterStore {
        try store(base: ClusterStore.sample())
    }

    /// `base` plus the generated objects. `base` must hold the sample cluster's CRDs, ClusterRoles and the
    /// sample objects the generator reuses (an issued and an expired CertificateRequest, VulnerabilityReports,
    /// Kyverno ClusterPolicies, ConfigMap `default/kube-root-ca.crt`).
    public func store(base: ClusterStore) throws -> ClusterStore {
        try GenerationRun.generate(
            spec,
            base: base,
            threads: threads ?? ProcessInfo.processInfo.activeProcessorCount
        )
    }
}

extension ClusterStore {
    /// The sample cluster scaled up by ``ClusterGenerator`` to `spec`.
    public static func generated(_ spec: GenerationSpec) throws -> ClusterStore {
        try ClusterGenerator(spec: spec).store()
    }
}
