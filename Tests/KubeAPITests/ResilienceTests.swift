import Foundation
import KubeAPI
import KubeEmulator
import TestSupport
import Testing

@Suite("retries, error mapping, read-only")
struct ResilienceTests {
    static let namespacesPath = "/api/v1/namespaces"

    static func namespaces(_ client: KubeClient) async throws -> Int {
        let type = try #require(try await client.resource(group: "", name: "namespaces"))
        return try await client.listItems(ListQuery(type)).items.count
    }

    @Test func retriesAfter429HonouringRetryAfter() async throws {
        try await withEmulator { fixture in
            let recorder = DelayRecorder()
            let client = try fixture.client(options: EmulatorFixture.fastOptions(recorder: recorder))
            _ = try await client.resource(group: "", name: "namespaces")  // discovery before the fault
            fixture.emulator.setFaults([
                Fault(pathPrefix: Self.namespacesPath, kind: .status(429, retryAfterSeconds: 2), times: 2)
            ])
            let count = try await Self.namespaces(client)
            await client.shutdown()
            #expect(count > 5)
            #expect(await recorder.delays == [.seconds(2), .seconds(2)])
        }
    }

    @Test(arguments: [500, 502, 503, 504])
    func retriesServerErrors(status: Int) async throws {
        try await withEmulator { fixture in
            let recorder = DelayRecorder()
            let client = try fixture.client(options: EmulatorFixture.fastOptions(recorder: recorder))
            _ = try await client.resource(group: "", name: "namespaces")
            fixture.emulator.setFaults([
                Fault(pathPrefix: Self.namespacesPath, kind: .status(status, retryAfterSeconds: nil), times: 3)
            ])
            let count = try await Self.namespaces(client)
            await client.shutdown()
            #expect(count > 5)
            #expect(await recorder.delays.count == 3)
            let attempts = fixture.emulator.requestLog.filter { $0.path == Self.namespacesPath }
            #expect(attempts.map(\.status) == [status, status, status, 200])
        }
    }

    @Test func retriesDroppedConnections() async throws {
        try await withEmulator { fixture in
            let client = try fixture.client()
            _ = try await client.resource(group: "", name: "namespaces")
            fixture.emulator.setFaults([Fault(pathPrefix: Self.namespacesPath, kind: .dropConnection, times: 2)])
            let count = try await Self.namespaces(client)
            await client.shutdown()
            #expect(count > 5)
        }
    }

    @Test func givesUpAfterTheRetryBudgetWithTheStatus() async throws {
        try await withEmulator { fixture in
            let client = try fixture.client()
            _ = try await client.resource(group: "", name: "namespaces")
            fixture.emulator.setFaults([
                Fault(pathPrefix: Self.namespacesPath, kind: .status(503, retryAfterSeconds: nil), times: 50)
            ])
            let error = await #expect(throws: KubeAPIError.self) { try await Self.namespaces(client) }
            await client.shutdown()
            guard case .server(let status, let path, _) = error else {
                Issue.record("expected a server error, got \(String(describing: error))")
                return
            }
            #expect(status == 503)
            #expect(path == Self.namespacesPath)
        }
    }

    @Test func requestAfterShutdownFailsInsteadOfBuildingAClient() async throws {
        try await withEmulator { fixture in
            let client = try fixture.client()
            await client.shutdown()
            let error = await #expect(throws: KubeAPIError.self) { _ = try await client.serverVersion() }
            #expect(error?.description.contains("already shut down") == true)
        }
    }

    @Test func slowAnswerTimesOutNamingTheLimit() async throws {
        try await withEmulator { fixture in
            // --timeout covers connecting and the TLS handshake too: discovery goes through a client with the
            // default limit, so a loaded machine cannot fail this test before the fault.
            let discovered = try fixture.client()
            let type = try await Self.namespacesType(discovered)
            await discovered.shutdown()
            var options = EmulatorFixture.fastOptions()
            options.requestTimeout = .seconds(2)
            let client = try fixture.client(options: options)
            fixture.emulator.setFaults([
                Fault(pathPrefix: Self.namespacesPath, kind: .latency(milliseconds: 6_000), times: 1)
            ])
            let error = await #expect(throws: KubeAPIError.self) { try await client.listItems(ListQuery(type)) }
            await client.shutdown()
            #expect(error == .timedOut(path: Self.namespacesPath, seconds: 2))
            #expect(error?.description.contains("within 2 s") == true)
        }
    }

    static func namespacesType(_ client: KubeClient) async throws -> APIResource {
        do {
            return try #require(try await client.resource(group: "", name: "namespaces"))
        } catch {
            await client.shutdown()
            throw error
        }
    }

    @Test func forbiddenNamesVerbResourceAndGroup() async throws {
        try await withEmulator(
            options: .configured {
                $0.denials = [Denial(user: nil, verb: "list", group: "networking.k8s.io", resource: "networkpolicies")]
            }
        ) { fixture in
            let client = try fixture.client()
            let type = try #require(try await client.resource(group: "networking.k8s.io", name: "networkpolicies"))
            let error = await #expect(throws: KubeAPIError.self) { try await client.listItems(ListQuery(type)) }
            await client.shutdown()
            #expect(
                error
                    == .forbidden(
                        message: "networkpolicies.networking.k8s.io is forbidden: User \"auditpack-demo\" cannot list "
                            + "resource \"networkpolicies\" in API group \"networking.k8s.io\" at the cluster scope",
                        verb: "list",
                        resource: "networkpolicies",
                        group: "networking.k8s.io"
                    )
            )
            #expect(
                error?.description.contains("Grant the identity \"list\" on networkpolicies.networking.k8s.io") == true
            )
        }
    }

    @Test func uninstalledCRDIsNilNotAnError() async throws {
        try await withEmulator(store: try ClusterStore.sample().removingGroup("external-secrets.io")) { fixture in
            let client = try fixture.client()
            let missing = try await client.resource(group: "external-secrets.io", name: "externalsecrets")
            let present = try await client.resource(group: "cert-manager.io", name: "certificates")
            await client.shutdown()
            #expect(missing == nil)
            #expect(present?.version == "v1")
            #expect(present?.namespaced == true)
        }
    }

    @Test func missingObjectIsNotFound() async throws {
        try await withEmulator { fixture in
            let client = try fixture.client()
            let namespaces = try #require(try await client.resource(group: "", name: "namespaces"))
            let error = await #expect(throws: KubeAPIError.self) {
                try await client.object(namespaces, namespace: nil, name: "no-such-namespace")
            }
            await client.shutdown()
            guard case .notFound = error else {
                Issue.record("expected notFound, got \(String(describing: error))")
                return
            }
        }
    }

    @Test func unreachableServerIsNamed() async throws {
        let folder = TestFolder()
        let file = try folder.unreachableKubeconfig()
        let config = try ConnectionConfig.discover(kubeconfigPath: file, context: nil, environment: [:])
        let client = try KubeClient(
            config: config,
            options: EmulatorFixture.fastOptions(),
            logger: EmulatorFixture.quietLogger
        )
        let error = await #expect(throws: KubeAPIError.self) { try await client.serverVersion() }
        await client.shutdown()
        guard case .unreachable(let server, _) = error else {
            Issue.record("expected unreachable, got \(String(describing: error))")
            return
        }
        #expect(server == "https://127.0.0.1:1")
    }

    @Test func reviewPathsAreTheOnlyPOSTs() {
        #expect(throws: KubeAPIError.writeVerbRefused(method: "POST", path: "/api/v1/namespaces")) {
            try APIRequest.review("/api/v1/namespaces", body: Data())
        }
    }

    @Test func aFullRunSendsNoWriteVerb() async throws {
        try await withEmulator { fixture in
            let client = try fixture.client()
            _ = try await client.serverVersion()
            _ = try await client.whoAmI()
            _ = try await client.canI(verb: "list", group: "", resource: "secrets")
            for group in try await client.apiGroups().keys.sorted() {
                let served = try await client.apiGroups()[group]
                for resource in try await client.resourceList(group: group, version: served?.preferred ?? "v1")
                where resource.verbs.contains("list") {
                    _ = try await client.listItems(ListQuery(resource))
                }
            }
            await client.shutdown()
            let log = fixture.emulator.requestLog
            #expect(log.count > 20)
            let writes = log.filter { entry in
                entry.method != "GET" && !(entry.method == "POST" && APIRequest.reviewPaths.contains(entry.path))
            }
            #expect(writes.isEmpty, "write requests sent: \(writes.map { "\($0.method) \($0.path)" })")
        }
    }
}
