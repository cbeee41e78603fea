import Foundation

/// Reads back the items of a List evidence file written one item per line (``ListFileFormat``, as
/// ``ListFileOutput`` writes them), one at a time, so derived evidence and evaluations handle lists of any size without parsing the
/// whole document at once.
public struct ListFileReader: Sequence {
    public let url: URL

    public init(url: URL) {
        self.url = url
    }

    public func makeIterator() -> Iterator {
        Iterator(handle: try? FileHandle(forReadingFrom: url))
    }

    /// Items as JSON objects; bytes are read in chunks of 4 MiB and split by `ListLineSplitter`.
    public struct Iterator: IteratorProtocol {
        private var handle: FileHandle?
        private var splitter = ListLineSplitter()
        /// Items completed by the last chunk, not yet returned (slices of that chunk).
        private var pending: [Data] = []
        private var cursor = 0

        init(handle: FileHandle?) {
            self.handle = handle
        }

        public mutating func next() -> [String: Any]? {
            while let body = nextBytes() {
                if let item = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] {
                    return item
                }
            }
            return nil
        }

        /// The next item's JSON bytes, unparsed.
        public mutating func nextBytes() -> Data? {
            while cursor == pending.count {
                guard let source = handle else { return nil }
                var items: [Data] = []
                let chunk = (try? source.read(upToCount: 4 << 20)) ?? nil
                if let chunk, !chunk.isEmpty {
                    splitter.push(chunk) { items.append($0) }
                } else {
                    _ = splitter.finish { items.append($0) }
                    try? source.close()
                    handle = nil
                }
                pending = items
                cursor = 0
            }
            defer { cursor += 1 }
            return pending[cursor]
        }
    }
}
