import AuditPackCore
import Crypto
import Foundation

/// The one strict reader of packages: `verify`, `evaluate`, `report`, `collect --previous` and the
/// chain check all open packages through it. It accepts only the plain ZIP layout AuditPack writes
/// (`ZipLayout`), so what it reads is what every other ZIP reader reads, and it never extracts anything
/// to disk: entries are streamed, inflated, counted and checked as they are read.
public struct PackageReader: Sendable {
    public let source: PackageBytes
    public let layout: ZipLayout
    /// Entries by name.
    let entries: [String: ZipLayout.Entry]

    public init(url: URL) throws {
        try self.init(bytes: try PackageFile(path: url.path))
    }

    public init(bytes: PackageBytes) throws {
        source = bytes
        layout = try ZipLayout.read(bytes)
        entries = Dictionary(layout.entries.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Entry names in the order they are stored.
    public var names: [String] { layout.entries.map(\.name) }

    public func contains(_ name: String) -> Bool { entries[name] != nil }

    /// The whole entry (small files: manifest, signatures); larger than `limit` is refused before inflating.
    public func data(_ name: String, limit: Int = 64 << 20) throws -> Data {
        guard let entry = entries[name] else { throw PackageReadError.missing(name: name) }
        guard entry.uncompressedSize <= UInt64(limit) else {
            throw PackageReadError.hostile(
                name: name,
                reason: "declares \(entry.uncompressedSize) bytes, more than the \(limit) such a file may have"
            )
        }
        var data = Data(capacity: Int(entry.uncompressedSize))
        _ = try EntryInflater.stream(entry, from: source) { data.append(contentsOf: $0) }
        return data
    }

    /// Streams an entry through `consumer`; returns its SHA-256 (hex) and size. Checks the CRC and that the
    /// bytes match the declared size.
    public func stream(_ name: String, consumer: (Data) throws -> Void = { _ in }) throws -> (sha256: String, size: Int)
    {
        guard let entry = entries[name] else { throw PackageReadError.missing(name: name) }
        var hasher = SHA256()
        let size = try EntryInflater.stream(entry, from: source) { buffer in
            hasher.update(bufferPointer: buffer)
            try consumer(Data(buffer))
        }
        return (Hashing.hex(hasher.finalize()), Int(size))
    }

    /// The SHA-256 and size of an entry, without handing its bytes to anyone.
    public func digest(_ name: String) throws -> (sha256: String, size: Int) {
        guard let entry = entries[name] else { throw PackageReadError.missing(name: name) }
        var hasher = SHA256()
        let size = try EntryInflater.stream(entry, from: source) { hasher.update(bufferPointer: $0) }
        return (Hashing.hex(hasher.finalize()), Int(size))
    }
}
