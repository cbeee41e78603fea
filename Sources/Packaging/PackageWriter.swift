import AuditPackCore
import Crypto
import Foundation

/// Writes an evidence package: a ZIP whose entries are sorted by name, all stamped with one fixed time
/// (the collection's start) and mode 0644, so the same evidence and manifest give byte-identical files.
/// The ZIP is built beside the destination and renamed into place: a failed run leaves nothing behind.
public enum PackageWriter {
    /// One entry: its name in the ZIP and where its bytes come from.
    public struct Entry: Sendable {
        public var name: String
        public var source: Source

        public enum Source: Sendable {
            case file(URL)
            case data(Data)
        }

        public init(name: String, source: Source) {
            self.name = name
            self.source = source
        }
    }

    /// Writes `entries` to `destination` atomically. Returns the package's SHA-256.
    @discardableResult
    public static func write(entries: [Entry], timestamp: Date, to destination: URL) throws -> String {
        let names = entries.map(\.name)
        guard Set(names).count == names.count else {
            throw PackageError.duplicateEntry(names.sorted().adjacentDuplicate ?? "")
        }
        let session = try Session(destination: destination, timestamp: timestamp)
        do {
            try session.add(entries.sorted(by: { $0.name < $1.name }))
            return try session.finish()
        } catch {
            session.abandon()
            throw error
        }
    }

    /// A package written in steps, so evidence can be compressed while the findings are still being made.
    /// Entries must arrive in name order (the package stays sorted); nothing is at `destination` until
    /// `finish` renames the finished ZIP into place. One caller at a time.
    public final class Session: @unchecked Sendable {
        public let destination: URL
        private let temporary: URL
        private let timestamp: Date
        private let zip: ZipStream
        private var last: String?

        public init(destination: URL, timestamp: Date) throws {
            self.destination = destination
            self.timestamp = timestamp
            temporary = destination.deletingLastPathComponent().appendingPathComponent(
                ".\(destination.lastPathComponent).\(UUID().uuidString.prefix(8)).partial"
            )
            do {
                zip = try ZipStream(path: temporary.path, timestamp: timestamp)
            } catch {
                throw PackageError.unwritable(path: destination.path, reason: "\(error)")
            }
        }

        /// Adds `entries`, each named after every entry added before it.
        public func add(_ entries: [Entry]) throws {
            for entry in entries {
                if let last, entry.name <= last {
                    throw entry.name == last
                        ? PackageError.duplicateEntry(entry.name)
                        : PackageError.unsorted(entry.name, after: last)
                }
                do {
                    try PackageWriter.add(entry, to: zip)
                } catch let error as ZipStreamError {
                    throw PackageError.unwritable(path: destination.path, reason: error.description)
                }
                last = entry.name
            }
        }

        /// Moves the finished ZIP into place; returns its SHA-256.
        public func finish() throws -> String {
            // What is written must be what the strict reader accepts (e.g. no ZIP64 for a >4 GiB package).
            do {
                try zip.finish()
                _ = try ZipLayout.read(try PackageFile(path: temporary.path))
            } catch {
                abandon()
                throw PackageError.unwritable(path: destination.path, reason: "\(error)")
            }
            guard rename(temporary.path, destination.path) == 0 else {
                let reason = String(cString: strerror(errno))
                abandon()
                throw PackageError.unwritable(path: destination.path, reason: reason)
            }
            return try Hashing.sha256(file: destination).sha256
        }

        /// Removes the unfinished ZIP (on failure).
        public func abandon() {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    private static func add(_ entry: Entry, to zip: ZipStream) throws {
        switch entry.source {
        case .data(let data):
            var position = 0
            try zip.add(name: entry.name) { buffer in
                let count = min(buffer.count, data.count - position)
                if count > 0 {
                    let start = data.startIndex + position
                    data.copyBytes(
                        to: buffer.bindMemory(to: UInt8.self).baseAddress!,
                        from: start..<start + count
                    )
                }
                position += count
                return count
            }
        case .file(let url):
            let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw PackageError.unwritable(
                    path: url.path,
                    reason: "cannot read \(url.lastPathComponent): \(String(cString: strerror(errno)))"
                )
            }
            defer { close(descriptor) }
            try zip.add(name: entry.name) { buffer in
                var filled = 0
                while filled < buffer.count {
                    let count = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                    if count < 0, errno == EINTR { continue }
                    guard count >= 0 else {
                        throw PackageError.unwritable(
                            path: url.path,
                            reason: "cannot read \(url.lastPathComponent): \(String(cString: strerror(errno)))"
                        )
                    }
                    if count == 0 { break }
                    filled += count
                }
                return filled
            }
        }
    }
}

/// Problems writing or reading a package.
public enum PackageError: Error, CustomStringConvertible, Equatable {
    case duplicateEntry(String)
    case unsorted(String, after: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .duplicateEntry(let name):
            return "Two package entries are named \(name); every file in a package needs a unique name."
        case .unsorted(let name, let after):
            return "Package entry \(name) was added after \(after); entries are written in name order, so add "
                + "them sorted."
        case .unwritable(let path, let reason):
            return "Cannot write the package \(path): \(reason). Choose a writable --output location."
        }
    }
}

extension Array where Element == String {
    /// The first element equal to its successor (in a sorted array).
    var adjacentDuplicate: String? {
        zip(self, dropFirst()).first { $0 == $1 }?.0
    }
}
