import Foundation

/// An AWS access key (and session token for temporary credentials). Its description never shows the
/// secret: only the key id, so logs and errors can say which key was used.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials expire (web identity); nil for long-term keys.
    public var expiration: Date?
    /// Where they came from: "environment", "profile default (~/.aws/credentials)", "web identity …".
    public var source: String

    public init(
        accessKeyID: String,
        secretAccessKey: String,
        sessionToken: String? = nil,
        expiration: Date? = nil,
        source: String
    ) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
        self.source = source
    }

    public var description: String { "access key \(accessKeyID) from \(source)" }
}
