import Foundation
import KubeEmulator

/// The decisions for one generated namespace (name, team, Pod Security level, apps), drawn from a stream of
/// the seed that depends only on the namespace index, so any namespace can be re-planned on its own (the
/// ClusterRoleBindings name namespaces and service accounts without keeping every plan in memory).
struct NamespacePlan {
    /// One Deployment (→ ReplicaSet → pods) and its service account.
    struct App {
        /// e.g. `orders-api`.
        var name: String
        var role: String
        var image: ContainerImage
        var sidecar: (name: String, image: ContainerImage)?
        var initContainer: (name: String, image: ContainerImage)?
        var replicas: Int
        /// The ReplicaSet's `pod-template-hash`.
        var templateHash: String
        /// Planted: literal secret-looking env values (marker `PLANTED-SECRET`).
        var literalSecrets: Bool
        /// Privileged main container with a hostPath volume (only in `privileged` namespaces).
        var privileged: Bool
        /// Created with `kubectl apply` (carries a last-applied-configuration annotation).
        var kubectlApplied: Bool
        var automountToken: Bool
        /// Whether trivy-operator has a VulnerabilityReport for its containers (most apps).
        var scanned: Bool
        var created: GeneratedTime
    }

    /// The namespace's Pod Security Standards labels.
    enum PodSecurity: CaseIterable {
        case restricted
        case baseline
        case auditOnly
        case unlabeled
        case privileged
    }

    var index: Int
    var name: String
    var team: String
    var environment: String
    var podSecurity: PodSecurity
    var podSecurityVersion: String
    var created: GeneratedTime
    var apps: [App]
    /// Planted: a RoleBinding grants cluster-admin to the namespace's `default` service account.
    var defaultAdminBinding: Bool
    var hasCertificate: Bool
    var hasExternalSecret: Bool

    /// The secret pods read credentials from (an ExternalSecret's target when there is one).
    var credentialsSecret: String { "\(team)-db-credentials" }

    static let teams = [
        "orders", "billing", "search", "catalog", "identity", "ledger", "shipping", "inventory", "pricing", "reviews",
        "notify", "media", "analytics", "risk", "support", "loyalty", "fulfil", "partners", "ads", "growth",
    ]
    static let roles = [
        "api", "web", "worker", "gateway", "cache", "consumer", "scheduler", "indexer", "exporter", "auth", "sync",
        "proxy", "queue", "reporter", "importer", "search", "notifier", "grpc",
    ]

    init(index: Int, spec: GenerationSpec) {
        var rng = SplitMix64(seed: spec.seed, stream: index, purpose: 0)
        self.index = index
        let team = rng.pick(Self.teams)
        self.team = team
        self.name = "\(team)-\(Self.pad(index + 1, 4))"
        self.environment = rng.pick(["prod", "prod", "staging", "dev"])
        let roll = rng.below(100)
        switch roll {
        case ..<35: podSecurity = .restricted
        case ..<60: podSecurity = .baseline
        case ..<75: podSecurity = .auditOnly
        case ..<90: podSecurity = .unlabeled
        default: podSecurity = .privileged
        }
        self.podSecurityVersion = rng.percent(70) ? "latest" : "v1.30"
        let created = GeneratedTime.random(in: GeneratedTime.firstNamespace...GeneratedTime.lastNamespace, using: &rng)
        self.created = created
        self.defaultAdminBinding = rng.percent(2)
        self.hasCertificate = rng.percent(75)
        self.hasExternalSecret = rng.percent(60)

        let appCount = spec.appsPerNamespace
        let roleIndexes = rng.sample(min(appCount, Self.roles.count), of: Self.roles.count)
        var apps: [App] = []
        apps.reserveCapacity(appCount)
        for appIndex in 0..<appCount {
            // Distinct roles while they last, then numbered ones (`api-20`).
            let distinct = appIndex < roleIndexes.count
            let baseRole = Self.roles[distinct ? roleIndexes[appIndex] : appIndex % Self.roles.count]
            let role = distinct ? baseRole : "\(baseRole)-\(appIndex)"
            let reference: String
            if let choices = ContainerImage.thirdParty[baseRole], rng.percent(70) {
                reference = rng.pick(choices)
            } else {
                reference = "registry.acme.example/\(team)/\(baseRole):1.\(rng.below(13)).\(rng.below(5))"
            }
            let sidecar = rng.percent(30) ? rng.pick(ContainerImage.sidecars) : nil
            let initContainer = rng.percent(15) ? rng.pick(ContainerImage.initContainers) : nil
            let replicas =
                spec.podsPerNamespace / appCount + (appIndex < spec.podsPerNamespace % appCount ? 1 : 0)
            apps.append(
                App(
                    name: "\(team)-\(role)",
                    role: baseRole,
                    image: ContainerImage(reference, seed: spec.seed),
                    sidecar: sidecar.map { ($0.name, ContainerImage($0.reference, seed: spec.seed)) },
                    initContainer: initContainer.map { ($0.name, ContainerImage($0.reference, seed: spec.seed)) },
                    replicas: replicas,
                    templateHash: rng.suffix(10),
                    literalSecrets: rng.percent(3),
                    privileged: podSecurity == .privileged && rng.percent(30),
                    kubectlApplied: rng.percent(25),
                    automountToken: rng.percent(50),
                    scanned: rng.percent(94),
                    created: created.adding(seconds: rng.int(in: 600...(20 * GeneratedTime.day)))
                )
            )
        }
        self.apps = apps
    }

    /// `value` with leading zeros to `width` digits.
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
