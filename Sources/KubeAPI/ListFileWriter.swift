import AuditPackCore
import Foundation

/// Streams a LIST into a List evidence file (``ListFileFormat``) page by page: each item is kept as the server
/// sent it, replaced (redacted) or dropped, as `transform` decides, so items that need no redaction are never
/// parsed. The file itself is written by ``ListFileOutput``.
public struct ListFileWriter: ListSink {
    /// What to do with an item before it is written.
    public enum Decision {
        /// Write the bytes as received.
        case keep
        /// Write this object instead (e.g. redacted).
        case replace([String: Any])
        case drop
    }

    private var output: ListFileOutput
    /// Decides each item's fate (redaction); the default keeps everything.
    private let transform: (ListItem) throws -> Decision

    public var url: URL { output.url }
    public var items: Int { output.items }
    public var bytes: Int { output.bytes }

    public init(url: URL, transform: @escaping (ListItem) throws -> Decision = { _ in .keep }) throws {
        self.output = try ListFileOutput(url: url)
        self.transform = transform
    }

    public mutating func begin(apiVersion: String, kind: String, resourceVersion: String) throws {
        output.begin(resourceVersion: resourceVersion)
    }

    public mutating func append(_ item: ListItem) throws {
        switch try transform(item) {
        case .keep: try output.append(json: item.bytes)
        case .replace(let object): try output.append(object: object)
        case .drop: return
        }
    }

    /// Writes an object (derived evidence) as one sorted-key line.
    public mutating func append(object: [String: Any]) throws {
        try output.append(object: object)
    }

    public mutating func reset() throws {
        try output.reset()
    }

    /// Closes the document and the file; returns the SHA-256 (hex) of exactly the bytes written.
    public mutating func finish() throws -> (sha256: String, bytes: Int, items: Int) {
        try output.finish()
    }

    /// Closes the file without finishing it (on failure; the caller removes it).
    public func abandon() {
        output.abandon()
    }
}
