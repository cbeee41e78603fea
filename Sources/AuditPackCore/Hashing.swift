import Crypto
import Foundation

/// Hex digests shared by collection, packaging and verification.
public enum Hashing {
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        // A table, not String(format:) per byte (which showed in profiles of large collections).
        let digits: StaticString = "0123456789abcdef"
        var text: [UInt8] = []
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(digits.utf8Start[Int(byte >> 4)])
            text.append(digits.utf8Start[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Lower-case hex SHA-256 of `data`.
    public static func sha256Hex(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// SHA-256 (hex) and size of a file, read in 1 MiB chunks.
    public static func sha256(file url: URL) throws -> (sha256: String, size: Int) {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            size += chunk.count
        }
        return (hex(hasher.finalize()), size)
    }
}
