import Foundation

/// Hex helpers shared by packaging and verification.
public enum Hashing {
    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        bytes.map { String(format: "%02x", $0) }.joined()
    }
}
