import AuditPackCore
import Crypto
import Foundation

extension PackageReader {
    /// SHA-256 of the whole package file, read from the same bytes the reader verified (no second open).
    public func packageSHA256() throws -> String {
        var hasher = SHA256()
        var offset: UInt64 = 0
        while offset < source.size {
            let count = Int(min(UInt64(1 << 20), source.size - offset))
            hasher.update(data: try source.read(at: offset, count: count))
            offset += UInt64(count)
        }
        return Hashing.hex(hasher.finalize())
    }
}
