import Foundation
import KubeAPI
import KubeEmulator
import TestSupport
import Testing

/// The error kind shows which limit ended the request (a trickle or stall would otherwise take 1,000 s or
/// more); the wall-time bounds only show it ended, with room for the whole suite running in parallel on 2 cores
/// (connecting and the TLS handshake count against the timeout too).
@Suite("--timeout bounds each request end to end; an idle connection fails sooner")
struct TimeoutTests {
    static let path = "/api/v1/namespaces"
    static let namespaces = APIResource(
        group: "",
        version: "v1",
        name: "namespaces",
        kind: "Namespace",
        namespaced: false
    )

    static func client(_ fixture: EmulatorFixture, timeout: Duration, idle: Duration) throws -> KubeClient {
        var options = EmulatorFixture.fastOptions()
        options.requestTimeout = timeout
        options.idleTimeout = idle
        return try fixture.client(options: options)
    }

    @Test func aTricklingBodyIsCutAtTheRequestTimeout() async throws {
        try await withEmulator { fixture in
            let client = try Self.client(fixture, timeout: .seconds(4), idle: .seconds(30))
            // Headers at once, then one byte a second: the idle timer never fires, and the whole answer would
            // take 1,000 s.
            fixture.emulator.setFaults([Fault(pathPrefix: Self.path, kind: .trickle(intervalMilliseconds: 1_000))])
            let started = ContinuousClock.now
            let error = await #expect(throws: KubeAPIError.self) {
                try await client.send(.get(Self.path))
            }
            let elapsed = ContinuousClock.now - started
            await client.shutdown()
            #expect(error == .timedOut(path: Self.path, seconds: 4))
            #expect(elapsed < .seconds(120), "bounded by --timeout, took \(elapsed)")
            let text = error?.description ?? ""
            #expect(text.contains("within 4 s"))
            #expect(text.contains("Raise --timeout"))
            #expect(text.contains("whole body"))
            let served = fixture.emulator.requestLog.filter { $0.path == Self.path }
            #expect(served.count == 1, "a timeout is not retried")
        }
    }

    @Test func aStalledAnswerFailsAtTheIdleTimeout() async throws {
        try await withEmulator { fixture in
            let client = try Self.client(fixture, timeout: .seconds(120), idle: .seconds(3))
            fixture.emulator.setFaults([Fault(pathPrefix: Self.path, kind: .trickle(intervalMilliseconds: 600_000))])
            let started = ContinuousClock.now
            let error = await #expect(throws: KubeAPIError.self) {
                try await client.send(.get(Self.path))
            }
            let elapsed = ContinuousClock.now - started
            await client.shutdown()
            #expect(error == .stalled(path: Self.path, seconds: 3))
            #expect(elapsed < .seconds(100), "the idle timeout, not the 120 s request timeout: \(elapsed)")
            #expect(error?.description.contains("sent nothing for 3 s") == true)
        }
    }

    @Test func aSlowListPageIsBoundToo() async throws {
        try await withEmulator { fixture in
            let client = try Self.client(fixture, timeout: .milliseconds(4_500), idle: .seconds(30))
            fixture.emulator.setFaults([Fault(pathPrefix: Self.path, kind: .trickle(intervalMilliseconds: 200))])
            let started = ContinuousClock.now
            let error = await #expect(throws: KubeAPIError.self) {
                try await client.listItems(ListQuery(Self.namespaces))
            }
            let elapsed = ContinuousClock.now - started
            await client.shutdown()
            #expect(error == .timedOut(path: Self.path, seconds: 4.5))
            #expect(error?.description.contains("within 4.5 s") == true)
            #expect(elapsed < .seconds(120), "the page would take 200 s: \(elapsed)")
        }
    }
}
