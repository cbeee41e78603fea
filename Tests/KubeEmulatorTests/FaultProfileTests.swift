import Foundation
import KubeEmulator
import Testing

@Suite("seeded random faults")
struct FaultProfileTests {
    /// The statuses of 200 distinct list requests under `profile`.
    static func statuses(_ harness: EmulatorHarness, _ profile: FaultProfile) async throws -> [Int] {
        harness.emulator.setFaultProfile(profile)
        var statuses: [Int] = []
        for limit in 1...200 {
            statuses.append(try await harness.send("/api/v1/namespaces?limit=\(limit)").status)
        }
        return statuses
    }

    @Test func theSameSeedGivesTheSameFaultsAndRatesHold() async throws {
        try await withHarness { harness in
            let profile = FaultProfile(seed: 7, serverErrorPercent: 10, throttlePercent: 10)
            let first = try await Self.statuses(harness, profile)
            let again = try await Self.statuses(harness, profile)
            var other = profile
            other.seed = 8
            let otherSeed = try await Self.statuses(harness, other)
            #expect(first == again, "setting the profile again replays the same faults")
            #expect(first != otherSeed)
            let errors = first.filter { $0 == 500 }.count
            let throttled = first.filter { $0 == 429 }.count
            #expect((8...35).contains(errors), "about 10% of 200: \(errors)")
            #expect((8...35).contains(throttled), "about 10% of 200: \(throttled)")
            #expect(first.allSatisfy { [200, 429, 500].contains($0) })
            let throttle = try #require(
                harness.emulator.requestLog.first { $0.status == 429 }
            )
            #expect(throttle.path == "/api/v1/namespaces")
        }
    }

    @Test func aRetriedRequestGetsAFreshDraw() async throws {
        try await withHarness { harness in
            harness.emulator.setFaultProfile(FaultProfile(seed: 3, serverErrorPercent: 50))
            var statuses: [Int] = []
            for _ in 0..<40 { statuses.append(try await harness.send("/api/v1/namespaces?limit=5").status) }
            #expect(statuses.contains(200))
            #expect(statuses.contains(500))
        }
    }

    @Test func continueTokensExpireAtTheirRate() async throws {
        try await withHarness { harness in
            let first = try await harness.send("/api/v1/namespaces?limit=1")
            let metadata = try #require(first.json["metadata"] as? [String: Any])
            let token = try #require(metadata["continue"] as? String)
            harness.emulator.setFaultProfile(FaultProfile(seed: 5, expireContinuePercent: 50))
            var statuses: [Int] = []
            for _ in 0..<40 {
                statuses.append(try await harness.send("/api/v1/namespaces?limit=1&continue=\(token)").status)
            }
            #expect(Set(statuses) == [200, 410], "some expire, some continue: \(statuses)")
            let plain = try await harness.send("/api/v1/namespaces?limit=1")
            #expect(plain.status == 200, "a request without a token never expires")
        }
    }

    @Test func theProfileOnlyTouchesItsPathPrefix() async throws {
        try await withHarness { harness in
            harness.emulator.setFaultProfile(
                FaultProfile(seed: 1, serverErrorPercent: 100, pathPrefix: "/apis/rbac.authorization.k8s.io")
            )
            let untouched = try await harness.send("/api/v1/namespaces")
            let touched = try await harness.send("/apis/rbac.authorization.k8s.io/v1/roles")
            harness.emulator.setFaultProfile(nil)
            let after = try await harness.send("/apis/rbac.authorization.k8s.io/v1/roles")
            #expect(untouched.status == 200)
            #expect(touched.status == 500)
            #expect(after.status == 200, "nil stops the faults")
        }
    }
}
