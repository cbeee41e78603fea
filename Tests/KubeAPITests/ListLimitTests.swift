import Foundation
import KubeAPI
import KubeEmulator
import TestSupport
import Testing

@Suite("LIST: pages that do not fit, lists that do not end")
struct ListLimitTests {
    static let namespaces = APIResource(
        group: "",
        version: "v1",
        name: "namespaces",
        kind: "Namespace",
        namespaced: false
    )
    static let bulkPath = "/apis/rbac.authorization.k8s.io/v1/namespaces/bulk/rolebindings"

    static func bulkItems(_ fixture: EmulatorFixture, options: KubeClientOptions) async throws -> [Data] {
        let client = try fixture.client(options: options)
        var sink = ItemBytesSink()
        do {
            _ = try await client.list(ListQuery(ListTests.roleBindings, namespace: "bulk"), into: &sink)
        } catch {
            await client.shutdown()
            throw error
        }
        await client.shutdown()
        return sink.items
    }

    @Test func pagesTooLargeForTheCapAreAskedForAgainSmaller() async throws {
        try await withEmulator(store: try ListTests.bulkStore(count: 60)) { fixture in
            let expected = try await Self.bulkItems(fixture, options: EmulatorFixture.fastOptions())
            fixture.emulator.resetRequestLog()
            var options = EmulatorFixture.fastOptions()
            options.maxResponseBytes = 6 * 1024
            let items = try await Self.bulkItems(fixture, options: options)
            #expect(items == expected)
            #expect(expected.count == 60)
            let limits = fixture.emulator.requestLog.filter {
                $0.path == Self.bulkPath && $0.query?.contains("continue") != true
            }
            .compactMap { $0.queryItems["limit"] }
            #expect(limits == ["500", "250", "125", "62", "31", "15"], "halved until a page fits")
        }
    }

    @Test func aPageThatCannotFitNamesTheResourceAndTheCap() async throws {
        try await withEmulator(store: try ListTests.bulkStore(count: 60)) { fixture in
            var options = EmulatorFixture.fastOptions()
            options.maxResponseBytes = 200
            let error = await #expect(throws: KubeAPIError.self) { try await Self.bulkItems(fixture, options: options) }
            #expect(
                error
                    == .pageTooLarge(
                        resource: "rolebindings.rbac.authorization.k8s.io",
                        path: Self.bulkPath,
                        pageSize: 1,
                        limitBytes: 200
                    )
            )
            let text = error?.description ?? ""
            #expect(text.contains("rolebindings.rbac.authorization.k8s.io"))
            #expect(text.contains("200 bytes"))
            #expect(!text.contains("network"), "the cause is the size, not the network: \(text)")
            let attempts = fixture.emulator.requestLog.filter { $0.path == Self.bulkPath }
            #expect(attempts.count == 9, "500, 250, … 3, 1: one request each, no retries of the same size")
        }
    }

    @Test func aRepeatedContinueTokenEndsTheList() async throws {
        try await withEmulator { fixture in
            let client = try fixture.client()
            fixture.emulator.setFaults([
                Fault(pathPrefix: "/api/v1/namespaces", kind: .endlessContinue(repeatToken: true), times: .max)
            ])
            var sink = ItemBytesSink()
            let error = await #expect(throws: KubeAPIError.self) {
                try await client.list(ListQuery(Self.namespaces), into: &sink)
            }
            await client.shutdown()
            guard case .endlessList(let resource, let path, let reason) = error else {
                Issue.record("expected endlessList, got \(String(describing: error))")
                return
            }
            #expect(resource == "namespaces")
            #expect(path == "/api/v1/namespaces")
            #expect(reason.contains("already sent"))
            #expect(error?.description.contains("fill the disk") == true)
            #expect(fixture.emulator.requestLog.filter { $0.path == "/api/v1/namespaces" }.count == 2)
        }
    }

    @Test func everNewContinueTokensStopAtThePageCap() async throws {
        try await withEmulator { fixture in
            var options = EmulatorFixture.fastOptions()
            options.listLimits.maxPages = 50
            let client = try fixture.client(options: options)
            fixture.emulator.setFaults([
                Fault(pathPrefix: "/api/v1/namespaces", kind: .endlessContinue(repeatToken: false), times: .max)
            ])
            var sink = ItemBytesSink()
            let error = await #expect(throws: KubeAPIError.self) {
                try await client.list(ListQuery(Self.namespaces), into: &sink)
            }
            await client.shutdown()
            guard case .endlessList(_, _, let reason) = error else {
                Issue.record("expected endlessList, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("after 50 pages"))
            #expect(fixture.emulator.requestLog.filter { $0.path == "/api/v1/namespaces" }.count == 50)
        }
    }

    @Test func everNewContinueTokensStopAtTheByteCap() async throws {
        try await withEmulator { fixture in
            var options = EmulatorFixture.fastOptions()
            options.listLimits.maxBytes = 4_000
            let client = try fixture.client(options: options)
            fixture.emulator.setFaults([
                Fault(pathPrefix: "/api/v1/namespaces", kind: .endlessContinue(repeatToken: false), times: .max)
            ])
            var sink = ItemBytesSink()
            let error = await #expect(throws: KubeAPIError.self) {
                try await client.list(ListQuery(Self.namespaces), into: &sink)
            }
            await client.shutdown()
            guard case .endlessList(let resource, _, let reason) = error else {
                Issue.record("expected endlessList, got \(String(describing: error))")
                return
            }
            #expect(resource == "namespaces")
            #expect(reason.contains("the limit is 4000 bytes"))
            let requests = fixture.emulator.requestLog.filter { $0.path == "/api/v1/namespaces" }.count
            #expect(requests > 5 && requests < 60, "stopped near 4,000 bytes: \(requests) pages")
        }
    }
}
