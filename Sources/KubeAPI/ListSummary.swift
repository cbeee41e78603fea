import AuditPackCore
import Foundation

/// How a LIST went.
public struct ListSummary: Sendable, Equatable {
    public var path: String
    public var resourceVersion: String
    public var items: Int
    public var pages: Int
    /// How often the list started over (expired continue token, a page that kept failing).
    public var restarts: Int
    public var milliseconds: Int
}
