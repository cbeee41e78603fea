import AuditPackCore
import Foundation

/// Receives a LIST page by page. `reset` is called when the list restarts (expired continue token),
/// so a sink never ends up with a mix of two snapshots.
public protocol ListSink {
    mutating func begin(apiVersion: String, kind: String, resourceVersion: String) throws
    mutating func append(_ item: ListItem) throws
    mutating func reset() throws
}
