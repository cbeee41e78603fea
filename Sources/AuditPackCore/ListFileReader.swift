import Foundation

/// Reads back the items of a List evidence file written one item per line (as `ListFileWriter` writes
/// them), one at a time, so derived evidence and evaluations handle lists of any size without parsing the
/// whole document at once.
public struct ListFileReader: Sequence {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    public func makeIterator() -> Iterator {
        Iterator(source: .file(try? FileHandle(forReadingFrom: url)))
    }

    /// How `ListFileWriter` starts every file; only such files are read line by line.
    public static let header = Data("{\n    \"apiVersion\": \"v1\",\n    \"items\": [".utf8)

    /// Items of a List document already in memory, or nil when it was not written one item per line.
    public static func items(in data: Data) -> [[String: Any]]? {
        guard data.starts(with: header) else { return nil }
        var iterator = Iterator(source: .memory(data))
        var items: [[String: Any]] = []
        while let item = iterator.next() { items.append(item) }
        return items
    }

    public struct Iterator: IteratorProtocol {
        enum Source {
            case file(FileHandle?)
            case memory(Data)
        }

        private var source: Source
        private var buffer = Data()
        /// Where the unread part of `buffer` starts: lines are sliced, never copied out of the buffer.
        private var position = 0
        private var finished = false
        private static let itemPrefix = Data("        {".utf8)

        init(source: Source) {
            self.source = source
            if case .memory(let data) = source {
                buffer = data
                finished = true
            }
        }

        public mutating func next() -> [String: Any]? {
            while let line = nextLine() {
                guard line.starts(with: Self.itemPrefix) else { continue }
                var body = line.dropFirst(8)
                if body.last == UInt8(ascii: ",") { body = body.dropLast() }
                if let item = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] {
                    return item
                }
            }
            return nil
        }

        /// The index of the next newline at or after `start` (memchr: Data's generic search is ~20× slower).
        static func newline(in data: Data, from start: Int) -> Int? {
            guard start < data.endIndex else { return nil }
            return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int? in
                guard let base = raw.baseAddress else { return nil }
                let offset = start - data.startIndex
                guard let hit = memchr(base + offset, 0x0A, raw.count - offset) else { return nil }
                return data.startIndex + (UnsafeRawPointer(hit) - base)
            }
        }

        private mutating func nextLine() -> Data? {
            while true {
                if let newline = Self.newline(in: buffer, from: position) {
                    let line = buffer[position..<newline]
                    position = newline + 1
                    return line
                }
                guard !finished, case .file(let handle?) = source else {
                    guard position < buffer.endIndex else { return nil }
                    defer { position = buffer.endIndex }
                    return buffer[position...]
                }
                let chunk = (try? handle.read(upToCount: 4 << 20)) ?? nil
                // Keep only the unread tail, then append: one copy per chunk, not per line.
                buffer = Data(buffer[position...])
                position = buffer.startIndex
                if let chunk, !chunk.isEmpty {
                    buffer.append(chunk)
                } else {
                    finished = true
                    try? handle.close()
                }
            }
        }
    }
}
