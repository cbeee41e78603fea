import Foundation

/// Tunables of a client; defaults suit a laptop against a production cluster.
public struct KubeClientOptions: Sendable {
    /// Requests in flight at once.
    public var concurrency = 8
    /// Time allowed for one request end to end: connecting, the TLS handshake, the response headers and the
    /// whole body (`--timeout`). Each retry gets the full time again.
    public var requestTimeout: Duration = .seconds(60)
    /// Longest silence allowed while waiting for response bytes (headers or body), capped by
    /// `requestTimeout`: a stalled connection fails this early instead of at the end-to-end deadline.
    public var idleTimeout: Duration = .seconds(30)
    public var retry = RetryPolicy()
    /// Items per LIST page.
    public var pageSize = 500
    /// Largest response body accepted (one page). A page larger than this is fetched again with a smaller
    /// `limit`.
    public var maxResponseBytes = 512 * 1024 * 1024
    /// How a LIST recovers from expired continue tokens and failing pages, and where it stops.
    public var listLimits = ListLimits()
    /// Time an exec credential plugin may run before its process group is stopped.
    public var execPluginTimeout: Duration = .seconds(120)

    public init() {}

    /// The idle timeout in effect: never longer than the request timeout.
    var effectiveIdleTimeout: Duration { min(idleTimeout, requestTimeout) }

    /// The HTTP client's idle-read timer: the idle timeout, or just past the request timeout when that is
    /// shorter, so a request that is merely slow reports the request timeout.
    var idleReadTimer: Duration { idleTimeout < requestTimeout ? idleTimeout : requestTimeout + .seconds(1) }
}
