import Foundation
import KubeAPI
import Testing

/// Main and background requests share one limit: never more in flight than allowed, background requests at
/// most half of it, and every request gets its turn.
@Suite("KubeAPI: request limiter")
struct AsyncLimiterTests {
    actor Gauge {
        var inFlight = 0
        var backgroundInFlight = 0
        var peak = 0
        var backgroundPeak = 0
        var done = 0

        func enter(background: Bool) {
            inFlight += 1
            peak = max(peak, inFlight)
            if background {
                backgroundInFlight += 1
                backgroundPeak = max(backgroundPeak, backgroundInFlight)
            }
        }

        func leave(background: Bool) {
            inFlight -= 1
            if background { backgroundInFlight -= 1 }
            done += 1
        }
    }

    @Test(arguments: [1, 4, 8])
    func boundsTheTotalAndTheBackgroundShare(limit: Int) async throws {
        let limiter = AsyncLimiter(limit: limit)
        let gauge = Gauge()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                let background = index % 2 == 0
                group.addTask {
                    try await limiter.withPermit(background: background) {
                        await gauge.enter(background: background)
                        try await Task.sleep(for: .milliseconds(2))
                        await gauge.leave(background: background)
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(await gauge.done == 40)
        #expect(await gauge.peak <= limit)
        #expect(await gauge.backgroundPeak <= max(1, limit / 2))
        #expect(await gauge.backgroundPeak >= 1)
    }
}
