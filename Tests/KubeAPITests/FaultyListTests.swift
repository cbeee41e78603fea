import Foundation
import KubeAPI
import KubeEmulator
import TestSupport
import Testing

@Suite("LIST under a flaky network and expiring continue tokens")
struct FaultyListTests {
    /// Every listable resource of the sample cluster, found before any fault is injected.
    static func listableResources(_ client: KubeClient) async throws -> [APIResource] {
        var resources: [APIResource] = []
        let groups = try await client.apiGroups()
        for group in groups.keys.sorted() {
            let version = groups[group]?.preferred ?? "v1"
            resources += try await client.resourceList(group: group, version: version)
                .filter { $0.verbs.contains("list") && !$0.name.contains("/") }
        }
        return resources
    }

    /// Lists `resources` side by side (as a collection does), each item's bytes by resource name.
    static func listAll(_ client: KubeClient, _ resources: [APIResource]) async throws -> [String: [Data]] {
        try await withThrowingTaskGroup(of: (String, [Data]).self) { group in
            for resource in resources {
                group.addTask {
                    var sink = ItemBytesSink()
                    _ = try await client.list(ListQuery(resource), into: &sink)
                    return (resource.qualifiedName, sink.items)
                }
            }
            var lists: [String: [Data]] = [:]
            for try await (name, items) in group { lists[name] = items }
            return lists
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func everyListMatchesTheFaultFreeRun(seed: UInt64) async throws {
        try await withEmulator { fixture in
            let client = try fixture.client(options: EmulatorFixture.fastOptions(pageSize: 4))
            do {
                let resources = try await Self.listableResources(client)
                let expected = try await Self.listAll(client, resources)
                fixture.emulator.resetRequestLog()
                fixture.emulator.setFaultProfile(
                    FaultProfile(
                        seed: seed,
                        serverErrorPercent: 10,
                        throttlePercent: 10,
                        dropPercent: 5,
                        expireContinuePercent: 20
                    )
                )
                let faulty = try await Self.listAll(client, resources)
                await client.shutdown()

                let multiPage = expected.values.filter { $0.count > 4 * 3 }
                #expect(multiPage.count >= 5, "lists spanning several pages")
                #expect(faulty.count == expected.count)
                for (name, items) in expected {
                    #expect(faulty[name] == items, "\(name): \(faulty[name]?.count ?? -1) of \(items.count) items")
                }
                let statuses = Set(fixture.emulator.requestLog.map(\.status))
                #expect(statuses.isSuperset(of: [410, 429, 500]), "the faults happened: \(statuses.sorted())")
            } catch {
                await client.shutdown()
                throw error
            }
        }
    }

    @Test func tokensThatAlwaysExpireEndInOneUnpagedList() async throws {
        try await withEmulator(store: try ListTests.bulkStore(count: 40)) { fixture in
            let client = try fixture.client(options: EmulatorFixture.fastOptions(pageSize: 10))
            fixture.emulator.setFaultProfile(FaultProfile(seed: 9, expireContinuePercent: 100))
            var sink = ItemBytesSink()
            let summary = try await client.list(ListQuery(ListTests.roleBindings, namespace: "bulk"), into: &sink)
            await client.shutdown()
            #expect(sink.items.count == 40)
            #expect(summary.restarts == 3, "three paged attempts, then the fallback")
            #expect(summary.pages == 1)
            let last = try #require(fixture.emulator.requestLog.last)
            #expect(last.status == 200)
            #expect(last.query.map { !$0.contains("limit=") } ?? true, "the fallback sends no limit")
        }
    }

    @Test func theRunWideRestartBudgetStopsALoopingCollection() async throws {
        try await withEmulator(store: try ListTests.bulkStore(count: 40)) { fixture in
            var options = EmulatorFixture.fastOptions(pageSize: 10)
            options.listLimits.restartsPerRun = 2
            let client = try fixture.client(options: options)
            fixture.emulator.setFaultProfile(FaultProfile(seed: 9, expireContinuePercent: 100))
            var sink = ItemBytesSink()
            let error = await #expect(throws: KubeAPIError.self) {
                try await client.list(ListQuery(ListTests.roleBindings, namespace: "bulk"), into: &sink)
            }
            await client.shutdown()
            guard case .listRestartsExhausted(let resource, let path, _, let cause) = error else {
                Issue.record("expected listRestartsExhausted, got \(String(describing: error))")
                return
            }
            #expect(resource == "rolebindings.rbac.authorization.k8s.io")
            #expect(path == "/apis/rbac.authorization.k8s.io/v1/namespaces/bulk/rolebindings")
            #expect(cause.contains("410 Gone"))
            #expect(error?.description.contains("run the collection again later") == true)
        }
    }
}
