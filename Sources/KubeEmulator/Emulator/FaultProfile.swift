import Foundation

/// Random faults at fixed rates, for resilience tests under a flaky network and a busy server.
///
/// Each request's fate is drawn from the seed, the request's path and query, and how many times that exact
/// request was seen before, so a seed gives the same faults however concurrent requests interleave, and a
/// retried request gets a fresh draw.
public struct FaultProfile: Sendable, Equatable {
    /// Makes the draws reproducible.
    public var seed: UInt64
    /// Percent of requests answered 500 Internal Server Error.
    public var serverErrorPercent: Int
    /// Percent of requests answered 429 Too Many Requests (with `Retry-After: 1`).
    public var throttlePercent: Int
    /// Percent of requests whose connection is closed without an answer.
    public var dropPercent: Int
    /// Percent of requests carrying a `continue` token answered 410 Gone (the token expired).
    public var expireContinuePercent: Int
    /// Only requests whose path starts with this are affected.
    public var pathPrefix: String

    /// A profile; the rates are percentages of the matching requests.
    public init(
        seed: UInt64,
        serverErrorPercent: Int = 0,
        throttlePercent: Int = 0,
        dropPercent: Int = 0,
        expireContinuePercent: Int = 0,
        pathPrefix: String = "/"
    ) {
        self.seed = seed
        self.serverErrorPercent = serverErrorPercent
        self.throttlePercent = throttlePercent
        self.dropPercent = dropPercent
        self.expireContinuePercent = expireContinuePercent
        self.pathPrefix = pathPrefix
    }

    /// The random generator for the `occurrence`-th sighting of `request` (path and query).
    func generator(request: String, occurrence: Int, purpose: UInt64) -> SplitMix64 {
        SplitMix64(seed: seed ^ SplitMix64.hash(request), stream: occurrence, purpose: purpose)
    }
}
