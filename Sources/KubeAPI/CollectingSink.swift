import AuditPackCore
import Foundation

/// Keeps the items in memory.
public struct CollectingSink: ListSink {
    public var items: [[String: Any]] = []
    public var resourceVersion = ""

    public init() {}

    public mutating func begin(apiVersion: String, kind: String, resourceVersion: String) throws {
        self.resourceVersion = resourceVersion
    }

    public mutating func append(_ item: ListItem) throws { items.append(try item.object()) }

    public mutating func reset() throws { items = [] }
}
