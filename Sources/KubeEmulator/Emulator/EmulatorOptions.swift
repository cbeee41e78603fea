import Foundation
import Logging

/// How an emulator listens, who may call it and which requests it refuses.
public struct EmulatorOptions: Sendable {
    /// The address to bind; loopback by default.
    public var host = "127.0.0.1"
    /// The port to bind; 0 picks a free one (read it back from ``KubeEmulator/baseURL``).
    public var port = 0
    /// Serve HTTPS with a generated CA and serving certificate (default), or plain HTTP.
    public var tls = true
    /// The serving certificate to present; `.expired` and `.wrongHostname` exist for TLS failure tests.
    public var servingCertificate: ServingCertificate = .valid
    /// Bearer tokens and the users they authenticate as.
    public var tokens: [String: UserInfo] = [
        "auditpack-demo-token": UserInfo(username: "auditpack-demo", groups: [])
    ]
    /// Requests matching one of these rules get 403 Forbidden (and self-subject access reviews say "not allowed").
    public var denials: [Denial] = []
    /// The `gitVersion` reported by `/version`, e.g. "v1.30.4"; major and minor are derived from it.
    public var serverVersion = "v1.30.4"
    /// Where the emulator logs; `nil` (the default) logs nothing. Never logs to stdout unless you ask it to.
    public var logger: Logger?
    /// Called for every request as it completes (e.g. to append to a file for benchmarks); nil by default.
    public var onRequest: (@Sendable (LoggedRequest) -> Void)?

    /// The defaults: 127.0.0.1, a free port, TLS, one token `auditpack-demo-token` for user `auditpack-demo`.
    public init() {}
}
