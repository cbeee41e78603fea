/// Bounds how many requests are in flight at once (a counting semaphore for async code), with two classes:
/// main requests, and background ones (answers nothing waits for, such as collect's preflight access reviews).
/// Both share the one limit, so the total in flight never exceeds it; a freed permit goes to a waiting main
/// request first, and background requests hold at most half the permits (at least one), so they fill idle
/// turns without delaying the main requests' turns.
public actor AsyncLimiter {
    private let limit: Int
    private let backgroundLimit: Int
    private var running = 0
    private var backgroundRunning = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var backgroundWaiters: [CheckedContinuation<Void, Never>] = []

    public init(limit: Int) {
        self.limit = max(1, limit)
        self.backgroundLimit = max(1, self.limit / 2)
    }

    public func withPermit<T: Sendable>(
        background: Bool = false,
        _ body: @Sendable () async throws -> T
    ) async throws -> T {
        await acquire(background: background)
        defer { release(background: background) }
        return try await body()
    }

    /// Returns holding a permit (a waiter is resumed with the counts already taken for it).
    private func acquire(background: Bool) async {
        if background {
            if running < limit && backgroundRunning < backgroundLimit && waiters.isEmpty {
                running += 1
                backgroundRunning += 1
                return
            }
            await withCheckedContinuation { backgroundWaiters.append($0) }
        } else {
            if running < limit {
                running += 1
                return
            }
            await withCheckedContinuation { waiters.append($0) }
        }
    }

    private func release(background: Bool) {
        running -= 1
        if background { backgroundRunning -= 1 }
        if !waiters.isEmpty {
            running += 1
            waiters.removeFirst().resume()
        } else if !backgroundWaiters.isEmpty && backgroundRunning < backgroundLimit {
            running += 1
            backgroundRunning += 1
            backgroundWaiters.removeFirst().resume()
        }
    }
}
