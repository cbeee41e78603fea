import AuditPackCore
import Crypto
import Foundation

/// Streams a LIST into a file as one `kubectl get -o json`-style `List` document, page by page, hashing
/// the bytes as they are written — memory stays flat however many items there are.
///
/// Layout: the List's keys as kubectl orders them, one item per line (compact JSON as the server sent it,
/// or sorted-key JSON where an item was rewritten), so the file is deterministic for the same objects and
/// greppable, and items that need no redaction are never parsed.
public struct ListFileWriter: ListSink {
    public let url: URL
    private var handle: FileHandle
    private var hasher = SHA256()
    private var buffer = Data()
    private var resourceVersion = ""
    private var started = false
    public private(set) var items = 0
    public private(set) var bytes = 0
    /// What to do with an item before it is written.
    public enum Decision {
        /// Write the bytes as received.
        case keep
        /// Write this object instead (e.g. redacted).
        case replace([String: Any])
        case drop
    }

    /// Decides each item's fate (redaction); the default keeps everything.
    private let transform: (ListItem) throws -> Decision

    public init(url: URL, transform: @escaping (ListItem) throws -> Decision = { _ in .keep }) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        self.handle = try FileHandle(forWritingTo: url)
        self.transform = transform
    }

    public mutating func begin(apiVersion: String, kind: String, resourceVersion: String) throws {
        self.resourceVersion = resourceVersion
        started = true
        write(ListFileReader.header)
    }

    public mutating func append(_ item: ListItem) throws {
        switch try transform(item) {
        case .keep: writeItem(item.bytes)
        case .replace(let object): try append(object: object)
        case .drop: return
        }
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes an object (derived evidence) as one sorted-key line.
    public mutating func append(object: [String: Any]) throws {
        writeItem(try JSONWriter.data(object))
    }

    private mutating func writeItem(_ json: Data) {
        write(items == 0 ? "\n        " : ",\n        ")
        write(json)
        items += 1
    }

    public mutating func reset() throws {
        buffer = Data()
        try handle.truncate(atOffset: 0)
        try handle.seek(toOffset: 0)
        hasher = SHA256()
        items = 0
        bytes = 0
        started = false
    }

    /// Closes the document and the file; returns the SHA-256 (hex) of exactly the bytes written.
    public mutating func finish() throws -> (sha256: String, bytes: Int, items: Int) {
        if !started { write(ListFileReader.header) }
        write(items == 0 ? "],\n" : "\n    ],\n")
        let version = try JSONSerialization.data(withJSONObject: [resourceVersion], options: [])
        let quoted = String(decoding: version.dropFirst().dropLast(), as: UTF8.self)
        write("    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \(quoted)\n    }\n}\n")
        try flush()
        try handle.close()
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return (digest, bytes, items)
    }

    /// Closes the file without finishing it (on failure; the caller removes it).
    public func abandon() {
        try? handle.close()
    }

    private mutating func write(_ text: String) {
        write(Data(text.utf8))
    }

    private mutating func write(_ data: Data) {
        buffer.append(data)
        hasher.update(data: data)
        bytes += data.count
    }

    private mutating func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
