import Foundation
import Logging

/// An authenticated identity.
public struct UserInfo: Sendable, Codable, Equatable, Hashable {
    /// The user name, e.g. "auditpack-demo" or "system:serviceaccount:ns:name".
    public var username: String
    /// The groups; "system:authenticated" is added by the emulator where Kubernetes adds it.
    public var groups: [String]

    /// Creates an identity.
    public init(username: String, groups: [String] = []) {
        self.username = username
        self.groups = groups
    }
}
