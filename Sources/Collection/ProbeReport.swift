import Foundation
import KubeAPI

/// The first thing every run does: who is the server, who are we, and can we read it.
public struct ProbeReport: Sendable {
    public var server: String
    public var context: String
    public var version: ServerVersion
    public var identity: UserIdentity
    public var apiGroups: Int
    public var namespaces: [String]
    /// Where the namespace List was written.
    public var namespacesFile: URL
    public var namespacesSummary: ListSummary
}
