import Foundation
import KubeAPI

/// Keeps each listed item's bytes as received, and counts restarts, so tests can compare lists exactly.
public struct ItemBytesSink: ListSink {
    public private(set) var items: [Data] = []
    public private(set) var resets = 0

    public init() {}

    public mutating func begin(apiVersion: String, kind: String, resourceVersion: String) throws {}

    public mutating func append(_ item: ListItem) throws { items.append(item.bytes) }

    public mutating func reset() throws {
        items = []
        resets += 1
    }
}
