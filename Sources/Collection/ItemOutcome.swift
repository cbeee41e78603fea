import AuditPackCore
import Foundation
import KubeAPI

struct ItemOutcome: Sendable {
    var status: ItemStatus
    var command: String
    var requests: [Manifest.RequestRecord] = []
    var itemCount: Int?
    var derivedFrom: [String]?
    var note: String?
    /// The file's SHA-256 and size when the collector already knows them (hashed while writing), so the
    /// file is not read back to hash it.
    var digest: FileDigest?

    static func failed(_ status: ItemStatus, note: String, command: String) -> ItemOutcome {
        ItemOutcome(status: status, command: command, note: note)
    }

    static func request(_ summary: ListSummary) -> Manifest.RequestRecord {
        Manifest.RequestRecord(
            path: summary.path,
            pages: summary.pages,
            items: summary.items,
            resourceVersion: summary.resourceVersion.isEmpty ? nil : summary.resourceVersion
        )
    }
}
