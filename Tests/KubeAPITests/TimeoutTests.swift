import Foundation
import KubeAPI
import KubeEmulator
import TestSupport
import Testing

@Suite("--timeout bounds each request end to end; an idle connection fails sooner")
struct TimeoutTests {
    static let path = "/api/v1/namespaces"

    /// A client whose discovery is done before any fault is injected.
    static func client(_ fixture: EmulatorFixture, timeout: Duration, idle: Duration) async throws -> KubeClient {
        var options = EmulatorFixture.fastOptions()
        options.requestTimeout = timeout
        options.idleTimeout = idle
        let client = try fixture.client(options: options)
        do {
            _ = try await client.resource(group: "", name: "namespaces")
        } catch {
            await client.shutdown()
            throw error
        }
        return client
    }

    @Test func aTricklingBodyIsCutAtTheRequestTimeout() async throws {
        try await withEmulator { fixture in
            let client = try await Self.client(fixture, timeout: .seconds(2), idle: .seconds(30))
            // Headers at once, then one byte a second: the idle timer never fires, the whole answer would take
            // 1,000 s.
            fixture.emulator.setFaults([Fault(pathPrefix: Self.path, kind: .trickle(intervalMilliseconds: 1_000))])
            let started = ContinuousClock.now
            let error = await #expect(throws: KubeAPIError.self) {
                try await client.send(.get(Self.path))
            }
            let elapsed = ContinuousClock.now - started
            await client.shutdown()
            #expect(error == .timedOut(path: Self.path, seconds: 2))
            // About 2 s alone; the bound leaves room for a loaded machine (the whole answer would take 1,000 s).
            #expect(elapsed < .seconds(15), "bounded by --timeout, took \(elapsed)")
            let text = error?.description ?? ""
            #expect(text.contains("within 2 s"))
            #expect(text.contains("Raise --timeout"))
            #expect(text.contains("whole body"))
        }
    }

    @Test func aStalledAnswerFailsAtTheIdleTimeout() async throws {
        try await withEmulator { fixture in
            let client = try await Self.client(fixture, timeout: .seconds(20), idle: .seconds(1))
            fixture.emulator.setFaults([Fault(pathPrefix: Self.path, kind: .trickle(intervalMilliseconds: 60_000))])
            let started = ContinuousClock.now
            let error = await #expect(throws: KubeAPIError.self) {
                try await client.send(.get(Self.path))
            }
            let elapsed = ContinuousClock.now - started
            await client.shutdown()
            #expect(error == .stalled(path: Self.path, seconds: 1))
            #expect(elapsed < .seconds(15), "the idle timeout, not the 20 s request timeout: \(elapsed)")
            #expect(error?.description.contains("sent nothing for 1 s") == true)
        }
    }

    @Test func aSlowListPageIsBoundToo() async throws {
        try await withEmulator { fixture in
            let client = try await Self.client(fixture, timeout: .milliseconds(1_500), idle: .seconds(30))
            fixture.emulator.setFaults([Fault(pathPrefix: Self.path, kind: .trickle(intervalMilliseconds: 200))])
            let type = try #require(try await client.resource(group: "", name: "namespaces"))
            let started = ContinuousClock.now
            let error = await #expect(throws: KubeAPIError.self) { try await client.listItems(ListQuery(type)) }
            let elapsed = ContinuousClock.now - started
            await client.shutdown()
            #expect(error == .timedOut(path: Self.path, seconds: 1.5))
            #expect(error?.description.contains("within 1.5 s") == true)
            #expect(elapsed < .seconds(15), "about 1.5 s; the page would take 200 s")
        }
    }
}
