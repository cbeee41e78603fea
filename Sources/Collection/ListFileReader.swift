import Foundation

/// Reads back the items of a file written by `ListFileWriter` one at a time (one item per line), so
/// derived evidence can be computed from lists of any size with flat memory.
public struct ListFileReader: Sequence {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    public func makeIterator() -> Iterator {
        Iterator(handle: try? FileHandle(forReadingFrom: url))
    }

    public struct Iterator: IteratorProtocol {
        private let handle: FileHandle?
        private var pending = Data()
        private var finished = false
        private static let itemPrefix = Data("        {".utf8)

        init(handle: FileHandle?) {
            self.handle = handle
        }

        public mutating func next() -> [String: Any]? {
            while let line = nextLine() {
                guard line.starts(with: Self.itemPrefix) else { continue }
                var body = line.dropFirst(8)
                if body.last == UInt8(ascii: ",") { body = body.dropLast() }
                if let item = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] {
                    return item
                }
            }
            return nil
        }

        private mutating func nextLine() -> Data? {
            while true {
                if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = pending[pending.startIndex..<newline]
                    pending = Data(pending[(newline + 1)...])
                    return Data(line)
                }
                guard !finished, let handle else {
                    if pending.isEmpty { return nil }
                    defer { pending = Data() }
                    return pending
                }
                let chunk = (try? handle.read(upToCount: 1 << 20)) ?? nil
                if let chunk, !chunk.isEmpty {
                    pending.append(chunk)
                } else {
                    finished = true
                    try? handle.close()
                }
            }
        }
    }
}
