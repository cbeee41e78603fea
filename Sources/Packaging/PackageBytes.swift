import Foundation

/// The bytes of a package, read at offsets: a file on disk, or memory (for fuzzing and tests).
/// Reads never go past `size`; a short read is an error, never a silent truncation.
public protocol PackageBytes: Sendable {
    /// A name for messages (the file's path).
    var name: String { get }
    var size: UInt64 { get }
    /// Exactly `count` bytes at `offset`.
    func read(at offset: UInt64, count: Int) throws -> [UInt8]
}

extension PackageBytes {
    /// Throws unless `count` bytes at `offset` lie within the package: every `read` checks this first.
    func checkBounds(offset: UInt64, count: Int) throws {
        guard count >= 0, offset <= size, UInt64(count) <= size - offset else {
            throw PackageReadError.malformed(
                path: name,
                offset: offset,
                rule: "a read of \(count) bytes runs past the end of the file (\(size) bytes)"
            )
        }
    }
}
