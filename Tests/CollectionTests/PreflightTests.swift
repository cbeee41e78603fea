import AuditPackCore
import Collection
import Foundation
import KubeAPI
import KubeEmulator
import TestSupport
import Testing
import Workflows

@Suite("preflight: predicts exactly what collection will be refused")
struct PreflightTests {
    /// Users with different denials, on a cluster without External Secrets Operator.
    static let users: [String: [Denial]] = [
        "full-reader": [],
        "no-secrets": [Denial(verb: "list", group: "", resource: "secrets")],
        "patchy": [
            Denial(verb: "get", group: "", resource: "pods/log"),
            Denial(verb: "list", group: "", resource: "pods", namespace: "kube-system"),
            Denial(verb: "list", group: "constraints.gatekeeper.sh", resource: "k8srequiredlabels"),
            Denial(verb: "list", group: "networking.k8s.io", resource: "networkpolicies"),
            Denial(verb: "*", group: "cert-manager.io", resource: "certificaterequests"),
        ],
        "no-rbac-reads": [Denial(verb: "list", group: "rbac.authorization.k8s.io", resource: "*")],
    ]

    static var options: EmulatorOptions {
        .configured { options in
            for user in users.keys { options.tokens["\(user)-token"] = UserInfo(username: user) }
            options.denials = users.flatMap { user, denials in
                denials.map {
                    var denial = $0
                    denial.user = user
                    return denial
                }
            }
        }
    }

    static func store() throws -> ClusterStore {
        try ClusterStore.sample().removingGroup("external-secrets.io")
    }

    @Test(arguments: ["full-reader", "no-secrets", "patchy", "no-rbac-reads"])
    func predictionMatchesARealCollect(user: String) async throws {
        try await Self.compare(user: user, store: try Self.store())
    }

    /// Without Gatekeeper's constraint kinds, the group-wide item is not_installed, before any permission.
    @Test func predictionMatchesWithoutGatekeeperConstraints() async throws {
        let store = try Self.store().removingGroup("constraints.gatekeeper.sh")
        let report = try await Self.compare(user: "patchy", store: store)
        #expect(report.items.first { $0.id == "C09e" }?.status == .notInstalled)
        #expect(report.items.first { $0.id == "C09e" }?.missing == ["API group constraints.gatekeeper.sh"])
    }

    /// Runs preflight and a real collect as `user`; both must name the same forbidden and not_installed items.
    @discardableResult
    static func compare(user: String, store: ClusterStore) async throws -> PreflightReport {
        try await withEmulator(store: store, options: Self.options) { fixture in
            let folder = TestFolder()
            let kubeconfig = try folder.write(
                "kubeconfig",
                fixture.emulator.kubeconfigYAML(user: .token("\(user)-token"))
            )
            let report = try await PreflightWorkflow.run(
                PreflightWorkflow.Request(
                    kubeconfig: kubeconfig,
                    clientOptions: EmulatorFixture.fastOptions(),
                    environment: [:]
                ),
                logger: EmulatorFixture.quietLogger
            )
            #expect(report.username == user)
            let request = CollectWorkflow.Request(
                kubeconfig: kubeconfig,
                directory: folder.url,
                clientOptions: EmulatorFixture.fastOptions(),
                environment: [:]
            )
            let collected = try await CollectWorkflow.run(request, logger: EmulatorFixture.quietLogger).manifest

            for status in [ItemStatus.forbidden, .notInstalled] {
                let predicted = report.items.filter { $0.status.rawValue == status.rawValue }.map(\.id)
                let actual = collected.controls.filter { $0.status == status }.map(\.id)
                #expect(predicted == actual, "\(user): \(status.rawValue) predicted \(predicted), collected \(actual)")
            }
            let allowed = report.items.filter { $0.status == .allowed }.map(\.id)
            let notRefused = collected.controls.filter { ![.forbidden, .notInstalled].contains($0.status) }.map(\.id)
            #expect(allowed == notRefused)
            // The manifest records the same prediction.
            let record = try #require(collected.preflight)
            #expect(record == report.manifestRecord)
            #expect(record.gaps.map(\.id) == report.items.filter { $0.status != .allowed }.map(\.id))
            return report
        }
    }

    @Test func forbiddenItemsNameTheMissingPermission() async throws {
        try await withEmulator(store: try Self.store(), options: Self.options) { fixture in
            let folder = TestFolder()
            let kubeconfig = try folder.write(
                "kubeconfig",
                fixture.emulator.kubeconfigYAML(user: .token("patchy-token"))
            )
            let report = try await PreflightWorkflow.run(
                PreflightWorkflow.Request(
                    kubeconfig: kubeconfig,
                    clientOptions: EmulatorFixture.fastOptions(),
                    environment: [:]
                ),
                logger: EmulatorFixture.quietLogger
            )
            func item(_ id: String) -> PreflightReport.Item? { report.items.first { $0.id == id } }
            #expect(item("C01")?.missing == ["list networkpolicies.networking.k8s.io"])
            #expect(item("C02")?.missing == ["list pods in namespace kube-system"])
            #expect(item("C08")?.missing == ["get pods/log"])
            #expect(item("C09e")?.missing == ["list k8srequiredlabels.constraints.gatekeeper.sh"])
            #expect(item("C10b")?.status == .forbidden)
            #expect(item("C10")?.status == .allowed)
            #expect(item("C06")?.status == .notInstalled)
            #expect(item("C06")?.missing == ["externalsecrets.external-secrets.io"])
            #expect(item("C04")?.status == .allowed, "a kube-system denial leaves the cluster-wide pod list")
            #expect(!report.allAllowed)
            // Each permission is asked once, however many items need it.
            let reviews = fixture.emulator.requestLog.filter { $0.path.hasSuffix("/selfsubjectaccessreviews") }
            #expect(reviews.count > 20 && reviews.count < 40, "\(reviews.count) reviews")
        }
    }

    @Test func fullReaderIsAllowedEverything() async throws {
        let report = try await withEmulator(options: Self.options) { fixture in
            let client = try fixture.client(
                kubeconfig: fixture.emulator.kubeconfigYAML(user: .token("full-reader-token"))
            )
            let report = try await Preflight.check(client: client, catalog: try Catalog.builtIn(), controls: nil)
            await client.shutdown()
            return report
        }
        #expect(report.allAllowed)
        #expect(report.items.count == (try Catalog.builtIn()).controls.flatMap(\.evidence).count)
    }

    @Test func refusedAccessReviewsStopPreflightButNotCollect() async throws {
        let options = EmulatorOptions.configured {
            $0.denials = [Denial(verb: "create", group: "authorization.k8s.io", resource: "selfsubjectaccessreviews")]
        }
        try await withEmulator(options: options) { fixture in
            let folder = TestFolder()
            let kubeconfig = try folder.write("kubeconfig", fixture.emulator.kubeconfigYAML())
            await #expect(throws: KubeAPIError.self) {
                try await PreflightWorkflow.run(
                    PreflightWorkflow.Request(
                        kubeconfig: kubeconfig,
                        clientOptions: EmulatorFixture.fastOptions(),
                        environment: [:]
                    ),
                    logger: EmulatorFixture.quietLogger
                )
            }
            let request = CollectWorkflow.Request(
                kubeconfig: kubeconfig,
                directory: folder.url,
                clientOptions: EmulatorFixture.fastOptions(),
                environment: [:]
            )
            let manifest = try await CollectWorkflow.run(request, logger: EmulatorFixture.quietLogger).manifest
            #expect(manifest.preflight?.error?.contains("selfsubjectaccessreviews") == true)
            #expect(manifest.controls.filter { $0.status == .ok }.count > 30, "collection went on")
        }
    }

    @Test func unreachableClusterIsAConnectionError() async throws {
        let folder = TestFolder()
        await #expect(throws: KubeAPIError.self) {
            try await PreflightWorkflow.run(
                PreflightWorkflow.Request(
                    kubeconfig: try folder.unreachableKubeconfig(),
                    clientOptions: EmulatorFixture.fastOptions(),
                    environment: [:]
                ),
                logger: EmulatorFixture.quietLogger
            )
        }
    }

    @Test func olderManifestsWithoutPreflightStillDecode() throws {
        var manifest = try #require(try? Self.sampleManifest())
        manifest.preflight = nil
        let decoded = try Manifest.decode(try manifest.encoded())
        #expect(decoded.preflight == nil)
        #expect(!String(decoding: try manifest.encoded(), as: UTF8.self).contains("preflight"))
        manifest.preflight = Manifest.Preflight(
            allowed: 1,
            gaps: [.init(id: "C06e", status: "forbidden", missing: ["list secrets"])]
        )
        #expect(try Manifest.decode(try manifest.encoded()).preflight == manifest.preflight)
    }

    static func sampleManifest() throws -> Manifest {
        Manifest(
            packageID: "p",
            auditDate: "2026-12-06",
            run: .init(
                startedAt: "2026-12-06T00:00:00Z",
                finishedAt: "2026-12-06T00:00:01Z",
                wallMilliseconds: 1,
                itemMillisecondsSum: 1,
                selectedControls: ["C01"]
            ),
            cluster: .init(server: "s", context: "c", serverVersion: "v1.30.0", clusterID: nil),
            collector: .init(username: "u", groups: [], host: nil),
            controls: [
                .init(
                    id: "C01",
                    control: "C01",
                    description: "d",
                    file: "C01.json",
                    collectedAt: "2026-12-06T00:00:00Z",
                    elapsedMilliseconds: 1,
                    sha256: String(repeating: "a", count: 64),
                    size: 1,
                    status: .ok,
                    command: "k"
                )
            ]
        )
    }
}
