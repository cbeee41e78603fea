import Foundation
import KubeEmulator

/// A container image as a pod spec names it and as the kubelet and trivy-operator report it.
struct ContainerImage {
    /// What the pod spec says, e.g. `redis:7.2` or `registry.acme.example/orders/api:1.4.2`.
    var reference: String
    /// The registry host as trivy-operator reports it (`index.docker.io` for Docker Hub).
    var registry: String
    /// The repository without registry, e.g. `library/redis`.
    var repository: String
    var tag: String
    /// `sha256:<64 hex>`, stable for the reference and seed.
    var digest: String

    /// An image from `reference`; Docker Hub short names are expanded like the kubelet does.
    init(_ reference: String, seed: UInt64) {
        self.reference = reference
        let colon = reference.lastIndex(of: ":")
        let name = colon.map { String(reference[..<$0]) } ?? reference
        self.tag = colon.map { String(reference[reference.index(after: $0)...]) } ?? "latest"
        let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 2, parts[0].contains(".") {
            self.registry = parts[0]
            self.repository = parts[1]
        } else {
            self.registry = "index.docker.io"
            self.repository = parts.count == 2 ? name : "library/\(name)"
        }
        var rng = SplitMix64(seed: SplitMix64.hash(reference) ^ seed)
        self.digest = "sha256:" + rng.hex(64)
    }

    /// The registry as the kubelet prints it in `status.containerStatuses[].image`.
    private var statusRegistry: String { registry == "index.docker.io" ? "docker.io" : registry }

    /// `status.containerStatuses[].image`, e.g. `docker.io/library/redis:7.2`.
    var statusImage: String { "\(statusRegistry)/\(repository):\(tag)" }

    /// `status.containerStatuses[].imageID`, e.g. `docker.io/library/redis@sha256:…`.
    var imageID: String { "\(statusRegistry)/\(repository)@\(digest)" }

    /// Third-party images apps of a given role run instead of an in-house build.
    static let thirdParty: [String: [String]] = [
        "cache": ["redis:7.2", "redis:7.2.4-alpine", "memcached:1.6.29"],
        "proxy": ["nginx:1.25.3", "nginx:1.27.2-alpine", "envoyproxy/envoy:v1.31.2"],
        "queue": ["rabbitmq:3.13.7-management", "nats:2.10.22-alpine"],
        "search": ["docker.elastic.co/elasticsearch/elasticsearch:8.15.3"],
    ]

    /// Sidecars some apps run next to their main container.
    static let sidecars: [(name: String, reference: String)] = [
        ("log-shipper", "cr.fluentbit.io/fluent/fluent-bit:3.1.9"),
        ("envoy", "envoyproxy/envoy:v1.31.2"),
        ("otel-agent", "otel/opentelemetry-collector-contrib:0.112.0"),
    ]

    /// Init containers some apps run first.
    static let initContainers: [(name: String, reference: String)] = [
        ("migrate", "registry.acme.example/platform/db-migrate:2.3.0"),
        ("wait-for-deps", "busybox:1.36"),
    ]
}
