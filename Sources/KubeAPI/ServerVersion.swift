import Foundation

/// What `/version` says.
public struct ServerVersion: Sendable, Equatable, Codable {
    public var major: String
    public var minor: String
    public var gitVersion: String
    public var platform: String?
}
