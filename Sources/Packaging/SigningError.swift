import AuditPackCore
import Crypto
import CryptoExtras
import Foundation

/// Problems with keys and signatures.
public enum SigningError: Error, CustomStringConvertible, Equatable {
    case keyExists(path: String)
    case keyTooOpen(path: String, mode: Int)
    case keyUnreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .keyExists(let path):
            return "\(path) already exists; AuditPack never overwrites a key. Choose another --name or --output."
        case .keyTooOpen(let path, let mode):
            return "The private key \(path) is readable by others (mode \(String(mode, radix: 8))). "
                + "Fix it with: chmod 600 \(path)"
        case .keyUnreadable(let path, let reason):
            return "Cannot use the key \(path): \(reason)."
        }
    }
}
