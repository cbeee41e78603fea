import Foundation
import KubeEmulator
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("pod logs and injected faults")
struct LogAndFaultTests {
    @Test func podLogs() async throws {
        try await withHarness { harness in
            let single = try await harness.send("/api/v1/namespaces/kube-bench/pods/kube-bench-x7k2p/log")
            #expect(single.status == 200)
            #expect(single.headers["content-type"]?.hasPrefix("text/plain") == true)
            #expect(single.text.contains("42 checks PASS"))
            let named = try await harness.send("/api/v1/namespaces/team-a/pods/web-1/log?container=sidecar")
            #expect(named.text == "sidecar ready\n")
            let tail = try await harness.send("/api/v1/namespaces/team-a/pods/web-1/log?container=web&tailLines=2")
            #expect(tail.text == "line 2\nline 3\n")
            let ambiguous = try await harness.send("/api/v1/namespaces/team-a/pods/web-1/log")
            #expect(ambiguous.status == 400)
            #expect(
                ambiguous.json["message"] as? String
                    == "a container name must be specified for pod web-1, choose one of: [web sidecar]"
            )
            let wrongContainer = try await harness.send("/api/v1/namespaces/team-a/pods/web-1/log?container=nope")
            #expect(wrongContainer.status == 400)
            let missing = try await harness.send("/api/v1/namespaces/team-a/pods/ghost/log")
            #expect(missing.status == 404)
            #expect(missing.json["message"] as? String == "pods \"ghost\" not found")
        }
    }

    @Test func statusFaultsCountDownAndCarryRetryAfter() async throws {
        try await withHarness { harness in
            harness.emulator.setFaults([
                Fault(pathPrefix: "/api/v1/namespaces", kind: .status(429, retryAfterSeconds: 2), times: 2)
            ])
            let first = try await harness.send("/api/v1/namespaces")
            #expect(first.status == 429)
            #expect(first.headers["retry-after"] == "2")
            #expect(first.json["reason"] as? String == "TooManyRequests")
            #expect(try await harness.send("/api/v1/namespaces").status == 429)
            #expect(try await harness.send("/api/v1/namespaces").status == 200)
            #expect(try await harness.send("/api/v1/pods").status == 200)
            harness.emulator.setFaults([Fault(pathPrefix: "/api", kind: .status(503, retryAfterSeconds: nil), times: 1)]
            )
            let unavailable = try await harness.send("/api/v1/pods")
            #expect(unavailable.status == 503)
            #expect(unavailable.headers["retry-after"] == nil)
            #expect(harness.emulator.requestLog.map(\.status) == [429, 429, 200, 200, 503])
        }
    }

    @Test func latencyFaultDelaysTheAnswer() async throws {
        try await withHarness { harness in
            harness.emulator.setFaults([Fault(pathPrefix: "/version", kind: .latency(milliseconds: 300), times: 1)])
            let clock = ContinuousClock()
            let slow = try await clock.measure { _ = try await harness.send("/version") }
            _ = try await harness.send("/version")
            #expect(slow >= .milliseconds(300))
            // The fault applies once: judged by the server's own timing of each request, not by the wall clock
            // (a loaded CI machine can take 300 ms to answer anything).
            let log = harness.emulator.requestLog
            #expect(log.count == 2)
            #expect(log.first?.duration ?? .zero >= .milliseconds(300))
            #expect(log.last?.duration ?? .seconds(1) < .milliseconds(300))
        }
    }

    @Test func dropConnectionAnswersNothing() async throws {
        try await withHarness { harness in
            harness.emulator.setFaults([Fault(pathPrefix: "/api/v1/namespaces", kind: .dropConnection, times: 1)])
            do {
                let reply = try await harness.send("/api/v1/namespaces")
                Issue.record("expected the connection to drop, got HTTP \(reply.status)")
            } catch {
                // The dropped connection surfaces as a transport error.
            }
            let after = try await harness.send("/api/v1/namespaces")
            #expect(after.status == 200)
            #expect(harness.emulator.requestLog.first?.status == 0)
        }
    }

    @Test func stopIsFastEvenWithOpenConnections() async throws {
        let harness = try await EmulatorHarness.start()
        _ = try await harness.send("/api/v1/pods")
        let elapsed = await ContinuousClock().measure { await harness.emulator.stop() }
        #expect(elapsed < .seconds(1))
        harness.session.invalidateAndCancel()
        let url = try #require(URL(string: harness.emulator.baseURL + "/version"))
        let fresh = URLSession(configuration: .ephemeral)
        await #expect(throws: (any Error).self) { _ = try await fresh.data(from: url) }
        fresh.invalidateAndCancel()
    }
}
