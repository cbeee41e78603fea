import AuditPackCore
import Crypto
import Foundation

extension Hashing {
    /// Lower-case hex SHA-256 of `data`.
    public static func sha256Hex(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }
}
