import Foundation

/// One request the emulator received, as recorded in ``KubeEmulator/requestLog``.
public struct LoggedRequest: Sendable, Equatable {
    /// The HTTP method, e.g. "GET".
    public var method: String
    /// The path without the query, e.g. "/api/v1/namespaces".
    public var path: String
    /// The raw query string without "?", or `nil` if there was none.
    public var query: String?
    /// The HTTP status answered; 0 when the connection was dropped by a fault.
    public var status: Int
    /// The authenticated user name, or `nil` if the request was not authenticated.
    public var user: String?
    /// How long the emulator took to answer (including injected latency).
    public var duration: Duration
    /// The `User-Agent` header, if any.
    public var userAgent: String?
    /// The `Accept` header, if any.
    public var accept: String?

    /// The decoded query parameters (first value per name).
    public var queryItems: [String: String] {
        QueryParameters(query).first
    }
}
