import Foundation

/// What was uploaded and what the bucket confirmed on read-back: printed by `upload`, written next to
/// the package by `collect --upload` (the package itself is sealed and never changes).
public struct UploadReceipt: Sendable, Codable, Equatable {
    public var package: String
    public var sha256: String
    public var size: Int
    public var bucket: String
    public var key: String
    public var endpoint: String
    public var versionID: String?
    public var etag: String
    public var lockMode: String?
    public var retainUntil: String?
    public var uploadedAt: String
    /// How the bytes were confirmed: "x-amz-checksum-sha256" or "downloaded and hashed".
    public var confirmedBy: String

    enum CodingKeys: String, CodingKey {
        case package, sha256, size, bucket, key, endpoint, etag
        case versionID = "version_id"
        case lockMode = "lock_mode"
        case retainUntil = "retain_until"
        case uploadedAt = "uploaded_at"
        case confirmedBy = "confirmed_by"
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
