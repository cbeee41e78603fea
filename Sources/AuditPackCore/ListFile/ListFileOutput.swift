import Crypto
import Foundation

/// Writes a List evidence file in ``ListFileFormat``, item by item, hashing the bytes as they are written —
/// memory stays flat however many items there are. Items are written as given (compact JSON as the server
/// sent it) or as sorted-key JSON for objects (rewritten or derived items).
public struct ListFileOutput {
    public let url: URL
    private var handle: FileHandle
    private var hasher = SHA256()
    private var buffer = Data()
    private var resourceVersion = ""
    private var started = false
    public private(set) var items = 0
    public private(set) var bytes = 0

    /// Creates (or empties) the file at `url`.
    public init(url: URL) throws {
        self.url = url
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        self.handle = try FileHandle(forWritingTo: url)
    }

    /// Starts the document; `resourceVersion` is the List's, written at the end.
    public mutating func begin(resourceVersion: String) {
        self.resourceVersion = resourceVersion
        started = true
        write(ListFileFormat.header)
    }

    /// Writes one item's JSON bytes (compact, one line) as they are.
    public mutating func append(json: Data) throws {
        write(ListFileFormat.itemSeparator(index: items))
        write(json)
        items += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes an object (a rewritten or derived item) as one sorted-key line.
    public mutating func append(object: [String: Any]) throws {
        try append(json: try JSONWriter.data(object))
    }

    /// Empties the file to start over (a LIST restarted after its continue token expired).
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
        if !started { write(ListFileFormat.header) }
        write(try ListFileFormat.footer(itemCount: items, resourceVersion: resourceVersion))
        try flush()
        try handle.close()
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return (digest, bytes, items)
    }

    /// Closes the file without finishing it (on failure; the caller removes it).
    public func abandon() {
        try? handle.close()
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
