import AuditPackCore
import Foundation
import KubeAPI

/// The result of listing one resource type.
public enum ListFetch: Sendable {
    /// `digest` is the SHA-256 and size of `file`, taken while it was written.
    case fetched(file: URL, summary: ListSummary, resource: APIResource, command: String, digest: FileDigest)
    case failed(status: ItemStatus, note: String, command: String)
}
