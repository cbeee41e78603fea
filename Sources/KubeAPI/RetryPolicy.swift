import Foundation

/// Exponential backoff with full jitter for transient failures (connection errors, 429, 500/502/503/504).
public struct RetryPolicy: Sendable {
    /// Retries after the first attempt.
    public var maxRetries: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// The longest `Retry-After` honoured; a server asking for more is treated as failing.
    public var maxRetryAfter: Duration
    /// Sleeps between attempts; tests pass a recording sleeper.
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        maxRetries: Int = 4,
        baseDelay: Duration = .milliseconds(250),
        maxDelay: Duration = .seconds(8),
        maxRetryAfter: Duration = .seconds(60),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.sleep = sleep
    }

    public static let none = RetryPolicy(maxRetries: 0)

    /// The wait before retry number `retry` (1-based): random in [0, min(max, base·2^(retry-1))],
    /// or exactly `retryAfter` when the server said so.
    public func delay(retry: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(retryAfter, maxRetryAfter) }
        let exponent = min(retry - 1, 20)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        let fraction = Double.random(in: 0...1)
        return ceiling * fraction
    }

    static func isRetryable(status: Int) -> Bool {
        [429, 500, 502, 503, 504].contains(status)
    }
}
