import AuditPackCore
import Foundation
import KubeAPI
import KubeEmulator
import Packaging
import TestSupport
import Testing
import Workflows

@Suite("collect: gaps, permissions, scale, atomic writes")
struct CollectGapsTests {
    @Test func missingCRDsAreGapsNotCrashes() async throws {
        let store = try ClusterStore.sample().removingGroup("external-secrets.io")
        let package = try await CollectedPackage.collect(store: store)
        for id in ["C06", "C06b", "C06c"] {
            let entry = try #require(package.entry(id))
            #expect(entry.status == .notInstalled)
            #expect(entry.note?.contains("external-secrets.io") == true)
            let file = try package.json(id)
            #expect(file["status"] as? String == "not_installed", "the file says why")
        }
        #expect(package.entry("C01")?.status == .ok)
        #expect(package.entry("C06d")?.status == .ok, "the plaintext scan does not need the CRDs")
    }

    @Test func forbiddenResourceKeepsTheOtherControls() async throws {
        let options = EmulatorOptions.configured {
            $0.denials = [Denial(user: nil, verb: "list", group: "networking.k8s.io", resource: "networkpolicies")]
        }
        let package = try await CollectedPackage.collect(options: options)
        let entry = try #require(package.entry("C01"))
        #expect(entry.status == .forbidden)
        #expect(entry.note?.contains("cannot list resource \"networkpolicies\"") == true)
        #expect(entry.note?.contains("Grant the identity \"list\" on networkpolicies.networking.k8s.io") == true)
        let others = package.manifest.controls.filter { $0.id != "C01" && $0.status != .ok }.map(\.id)
        #expect(others == ["C04c"])
    }

    @Test func invisibleControlPlaneIsNotApplicable() async throws {
        let store = try ClusterStore.sample().removing { object in
            ((object["metadata"] as? [String: Any])?["labels"] as? [String: Any])?["component"] as? String
                == "kube-apiserver"
        }
        let package = try await CollectedPackage.collect(store: store)
        for id in ["C02", "C02b", "C07", "C07b"] {
            let entry = try #require(package.entry(id))
            #expect(entry.status == .notApplicable, "\(id)")
            #expect(entry.note?.contains("EKS") == true, "\(id) names the cloud-side evidence to attach")
        }
    }

    @Test func pagesAreFollowedToTheEnd() async throws {
        let package = try await CollectedPackage.collect(pageSize: 4)
        let roles = package.storeNames(kind: "ClusterRole")
        let entry = try #require(package.entry("C03c"))
        #expect(entry.itemCount == roles.count)
        #expect(entry.requests.first?.pages == (roles.count + 3) / 4)
        #expect(try package.names("C03c").sorted() == roles)
    }

    @Test func eachResourceTypeIsListedOncePerRun() async throws {
        let package = try await CollectedPackage.collect()
        let firstPages = package.requestLog.filter { request in
            request.method == "GET" && (request.query ?? "").contains("limit=")
                && !(request.query ?? "").contains("continue=")
        }
        var seen: [String: Int] = [:]
        for request in firstPages { seen["\(request.path)?\(request.query ?? "")", default: 0] += 1 }
        #expect(seen.filter { $0.value > 1 }.isEmpty, "listed more than once: \(seen.filter { $0.value > 1 })")
        #expect(seen.keys.contains { $0.hasPrefix("/api/v1/pods?") }, "pods are listed (C04, C06)")
        let writes = package.requestLog.filter {
            $0.method != "GET" && !($0.method == "POST" && APIRequest.reviewPaths.contains($0.path))
        }
        #expect(writes.isEmpty)

        // Every request is accounted for: each discovery document once, each list once (plus its continue
        // pages), preflight's access reviews, and exactly three others — SelfSubjectReview, the kube-system
        // namespace (cluster id) and the kube-bench pod log.
        let discovery = package.requestLog.filter { $0.query?.contains("limit=") != true && Self.isDiscovery($0.path) }
        #expect(Set(discovery.map(\.path)).count == discovery.count, "a discovery document was fetched twice")
        let pages = package.requestLog.filter { ($0.query ?? "").contains("limit=") }
        let reviews = package.requestLog.filter { $0.path.hasSuffix("/selfsubjectaccessreviews") }
        #expect(!reviews.isEmpty, "collect runs preflight")
        let others = package.requestLog.count - discovery.count - pages.count - reviews.count
        #expect(
            others == 3,
            "unexpected requests: \(package.requestLog.filter { !Self.isDiscovery($0.path) && !($0.query ?? "").contains("limit=") && !$0.path.hasSuffix("accessreviews") }.map(\.path))"
        )
        #expect(pages.count == seen.count, "the sample cluster fits in one page per list")
    }

    static func isDiscovery(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return path == "/version" || path == "/api" || path == "/apis" || path == "/api/v1"
            || (parts.first == "apis" && parts.count == 3)
    }

    @Test func unreachableClusterLeavesNothingBehind() async throws {
        let folder = TestFolder()
        let kubeconfig = try folder.unreachableKubeconfig()
        let output = folder.url.appendingPathComponent("out/package.zip")
        try FileManager.default.createDirectory(
            at: output.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        let request = CollectWorkflow.Request(
            kubeconfig: kubeconfig,
            output: output,
            clientOptions: EmulatorFixture.fastOptions(),
            environment: [:]
        )
        await #expect(throws: KubeAPIError.self) {
            try await CollectWorkflow.run(request, logger: EmulatorFixture.quietLogger)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path).isEmpty)
    }

    @Test func verboseRunSaysWhereItsTimeWent() async throws {
        let capture = LogCapture()
        _ = try await CollectedPackage.collect(controls: ["C01"], logger: capture.logger)
        let phases = capture.messages.compactMap { message in
            ["collection", "evaluation", "report", "packaging"].first { message.hasPrefix("debug: \($0)") }
        }
        #expect(phases == ["collection", "evaluation", "report", "packaging"])
        #expect(capture.messages.contains { $0.hasPrefix("debug: collection: ") && $0.hasSuffix(" ms") })
    }

    @Test func failedPackageWriteLeavesNoPartialFile() throws {
        let folder = TestFolder()
        let destination = folder.url.appendingPathComponent("package.zip")
        let missing = folder.url.appendingPathComponent("evidence/missing.json")
        #expect(throws: (any Error).self) {
            try PackageWriter.write(
                entries: [
                    .init(name: "a.json", source: .data(Data("{}".utf8))),
                    .init(name: "b.json", source: .file(missing)),
                ],
                timestamp: Date(timeIntervalSince1970: 1_800_000_000),
                to: destination
            )
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }
}
