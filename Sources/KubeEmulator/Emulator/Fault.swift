import Foundation

/// A fault the emulator injects into matching requests, for resilience tests.
public struct Fault: Sendable, Equatable {
    /// What happens to a matching request.
    public enum Kind: Sendable, Equatable {
        /// Wait this long, then answer normally.
        case latency(milliseconds: Int)
        /// Answer with this HTTP status and a Kubernetes `Status` body, and a `Retry-After` header if given.
        case status(Int, retryAfterSeconds: Int?)
        /// Close the connection without answering.
        case dropConnection
        /// Answer 200 with a 1,000-byte body announced in the headers, then send it one byte every
        /// `intervalMilliseconds` (a trickling or stalled server).
        case trickle(intervalMilliseconds: Int)
        /// Answer every LIST with a one-item page and a `continue` token, forever: the same token every time
        /// (`repeatToken`) or a new one on every page.
        case endlessContinue(repeatToken: Bool)
    }

    /// Requests whose path starts with this are affected, e.g. "/api/v1/namespaces".
    public var pathPrefix: String
    /// What happens to them.
    public var kind: Kind
    /// How many matching requests are affected; after that the fault stops. `Int.max` means always.
    public var times: Int

    /// Creates a fault.
    public init(pathPrefix: String, kind: Kind, times: Int = 1) {
        self.pathPrefix = pathPrefix
        self.kind = kind
        self.times = times
    }
}
