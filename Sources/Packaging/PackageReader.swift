import AuditPackCore
import Crypto
import Foundation
import ZIPFoundation

/// Reads a package ZIP without extracting it: entries are streamed and checked as they are read.
/// Hostile archives (path traversal, symlinks, duplicate names, sizes that lie, zip bombs) are refused.
public struct PackageReader {
    public let url: URL
    let archive: Archive
    /// Entries by name (after the structural checks passed).
    let entries: [String: Entry]

    /// Largest entry read (uncompressed), and the largest compression ratio accepted for big entries.
    public static let maxEntryBytes: UInt64 = 16 << 30
    public static let maxRatio: UInt64 = 1_000

    public init(url: URL) throws {
        self.url = url
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw PackageReadError.unreadable(path: url.path, reason: "no such file, or not readable")
        }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw PackageReadError.unreadable(
                path: url.path,
                reason: "not a ZIP archive, or its central directory is truncated"
            )
        }
        var byName: [String: Entry] = [:]
        for entry in archive {
            let name = entry.path
            if let problem = Self.structuralProblem(entry) {
                throw PackageReadError.hostile(name: name, reason: problem)
            }
            guard byName[name] == nil else {
                throw PackageReadError.hostile(name: name, reason: "the name appears twice")
            }
            byName[name] = entry
        }
        entries = byName
    }

    public var names: [String] { entries.keys.sorted() }

    public func contains(_ name: String) -> Bool { entries[name] != nil }

    /// The whole entry (small files: manifest, signatures).
    public func data(_ name: String, limit: Int = 64 << 20) throws -> Data {
        var data = Data()
        _ = try stream(name) { chunk in
            data.append(chunk)
            if data.count > limit { throw PackageReadError.hostile(name: name, reason: "larger than \(limit) bytes") }
        }
        return data
    }

    /// Streams an entry through `consumer`; returns its SHA-256 (hex) and size. Checks the CRC and that the
    /// bytes match the declared size.
    public func stream(_ name: String, consumer: (Data) throws -> Void = { _ in }) throws -> (sha256: String, size: Int)
    {
        guard let entry = entries[name] else { throw PackageReadError.missing(name: name) }
        var hasher = SHA256()
        var size: UInt64 = 0
        let declared = entry.uncompressedSize
        let crc: CRC32
        do {
            crc = try archive.extract(entry, skipCRC32: false) { chunk in
                size += UInt64(chunk.count)
                guard size <= declared else {
                    throw PackageReadError.hostile(
                        name: name,
                        reason: "holds more bytes than its declared size \(declared)"
                    )
                }
                hasher.update(data: chunk)
                try consumer(chunk)
            }
        } catch let error as PackageReadError {
            throw error
        } catch {
            throw PackageReadError.hostile(name: name, reason: "its data is corrupt (\(error))")
        }
        guard size == declared else {
            throw PackageReadError.hostile(name: name, reason: "holds \(size) bytes but declares \(declared)")
        }
        guard crc == entry.checksum else {
            throw PackageReadError.hostile(name: name, reason: "its CRC-32 does not match")
        }
        return (Hashing.hex(hasher.finalize()), Int(size))
    }

    static func structuralProblem(_ entry: Entry) -> String? {
        let name = entry.path
        if name.isEmpty { return "an entry has no name" }
        if name.hasPrefix("/") || name.contains("\\") || name.contains(":") {
            return "absolute or non-portable path"
        }
        if name.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            return "path escapes the package (..)"
        }
        switch entry.type {
        case .symlink: return "symbolic links are not allowed in packages"
        case .directory: return "directories are not allowed in packages"
        case .file: break
        }
        if entry.uncompressedSize > maxEntryBytes { return "declares \(entry.uncompressedSize) bytes (zip bomb?)" }
        if entry.uncompressedSize > 64 << 20, entry.uncompressedSize / max(entry.compressedSize, 1) > maxRatio {
            return "compression ratio above \(maxRatio):1 (zip bomb?)"
        }
        return nil
    }
}

/// Why a package could not be read.
public enum PackageReadError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    case hostile(name: String, reason: String)
    case missing(name: String)
    case notAPackage(reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "Cannot read \(path): \(reason). Is it an AuditPack package (.zip), copied completely?"
        case .hostile(let name, let reason):
            return "Entry \"\(name)\" is unsafe: \(reason). The package was altered; do not trust it."
        case .missing(let name):
            return "The package has no entry \"\(name)\"."
        case .notAPackage(let reason):
            return "Not an AuditPack package: \(reason)."
        }
    }
}
