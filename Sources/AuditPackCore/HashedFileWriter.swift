import Crypto
import Foundation

/// Writes a new file in chunks and hashes the bytes on the way (SHA-256 and size), so a large generated file
/// (a big cluster's OSCAL results) is never held whole in memory nor read back to be hashed.
public final class HashedFileWriter {
    public let url: URL
    private let handle: FileHandle
    private var hasher = SHA256()
    public private(set) var size = 0

    /// Creates `url`; fails if it exists.
    public init(url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        self.url = url
        handle = try FileHandle(forWritingTo: url)
    }

    deinit {
        try? handle.close()
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        hasher.update(bufferPointer: bytes)
        var offset = 0
        while offset < bytes.count {
            let count = min(1 << 20, bytes.count - offset)
            try handle.write(
                contentsOf: Data(
                    bytesNoCopy: UnsafeMutableRawPointer(mutating: bytes.baseAddress! + offset),
                    count: count,
                    deallocator: .none
                )
            )
            offset += count
        }
        size += bytes.count
    }

    /// Closes the file; returns its lower-case hex SHA-256 and size.
    public func finish() throws -> (sha256: String, size: Int) {
        try handle.close()
        return (Hashing.hex(hasher.finalize()), size)
    }
}
