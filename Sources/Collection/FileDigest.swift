import AuditPackCore
import Foundation
import KubeAPI

/// What one evidence collector produced. The file itself is already at `ItemContext.file`
/// when `status` is ok.
/// A file's SHA-256 (hex) and size in bytes.
public struct FileDigest: Sendable, Equatable {
    public var sha256: String
    public var size: Int
}
