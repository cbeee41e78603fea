import Foundation

/// Splits a LIST page into its items without building objects: one pass over the bytes, tracking nesting,
/// with strings and values skipped by the shared byte walker (`ByteScan`: memchr from quote to quote). Items come
/// out as the server sent them; `metadata` (continue, resourceVersion) is parsed on its own, small.
struct ListPageScanner {
    /// Byte ranges of each item in `items`, whether each item has top-level `kind` / `apiVersion` keys, and
    /// the page's `metadata` object.
    struct Page {
        var items: [Range<Int>] = []
        var itemHasKind: [Bool] = []
        var itemHasAPIVersion: [Bool] = []
        var itemHasNewline: [Bool] = []
        var metadata: [String: Any] = [:]
    }

    enum Failure: Error {
        case notAnObject
        case unterminated
    }

    static func scan(_ data: Data) throws -> Page {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Page in
            var scanner = Scanner(raw)
            return try scanner.page()
        }
    }

    private struct Scanner {
        let scan: ByteScan
        let bytes: UnsafeRawBufferPointer
        var index = 0

        init(_ raw: UnsafeRawBufferPointer) {
            scan = ByteScan(raw)
            bytes = raw
        }

        mutating func page() throws -> Page {
            var page = Page()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw Failure.notAnObject }
            index += 1
            while true {
                skipWhitespace()
                guard index < bytes.count else { throw Failure.unterminated }
                if bytes[index] == UInt8(ascii: "}") { return page }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                let key = try readString()
                skipWhitespace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Failure.notAnObject }
                index += 1
                skipWhitespace()
                switch key {
                case "items":
                    try items(into: &page)
                case "metadata":
                    let start = index
                    try skipValue()
                    let slice = Data(UnsafeRawBufferPointer(rebasing: bytes[start..<index]))
                    page.metadata = (try? JSONSerialization.jsonObject(with: slice)) as? [String: Any] ?? [:]
                default:
                    try skipValue()
                }
            }
        }

        mutating func items(into page: inout Page) throws {
            guard index < bytes.count else { throw Failure.unterminated }
            if bytes[index] == UInt8(ascii: "n") {  // "items": null
                try skipValue()
                return
            }
            guard bytes[index] == UInt8(ascii: "[") else { throw Failure.notAnObject }
            index += 1
            while true {
                skipWhitespace()
                guard index < bytes.count else { throw Failure.unterminated }
                let byte = bytes[index]
                if byte == UInt8(ascii: "]") {
                    index += 1
                    return
                }
                if byte == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard byte == UInt8(ascii: "{") else { throw Failure.notAnObject }
                let start = index
                let keys = try skipObjectNotingKeys()
                page.items.append(start..<index)
                page.itemHasKind.append(keys.kind)
                page.itemHasAPIVersion.append(keys.apiVersion)
                page.itemHasNewline.append(keys.newline)
            }
        }

        /// Skips an object, noting whether its own (top-level) keys include kind and apiVersion, and whether
        /// it holds a raw newline (pretty-printed input).
        mutating func skipObjectNotingKeys() throws -> (kind: Bool, apiVersion: Bool, newline: Bool) {
            var kind = false
            var apiVersion = false
            var newline = false
            var depth = 0
            var expectKey = false
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    if depth == 1 && expectKey {
                        let start = index + 1
                        try skipString()
                        let length = index - 1 - start
                        if length == 4 && matches(start, "kind") { kind = true }
                        if length == 10 && matches(start, "apiVersion") { apiVersion = true }
                        expectKey = false
                    } else {
                        try skipString()
                    }
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    expectKey = depth == 1 && byte == UInt8(ascii: "{")
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        index += 1
                        return (kind, apiVersion, newline)
                    }
                case UInt8(ascii: ","):
                    if depth == 1 { expectKey = true }
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    newline = true
                default:
                    break
                }
                index += 1
            }
            throw Failure.unterminated
        }

        func matches(_ start: Int, _ word: StaticString) -> Bool {
            memcmp(bytes.baseAddress! + start, word.utf8Start, word.utf8CodeUnitCount) == 0
        }

        mutating func skipValue() throws {
            guard let end = scan.valueEnd(from: index) else { throw Failure.unterminated }
            index = end
        }

        /// Moves past a string starting at `index` (the opening quote).
        mutating func skipString() throws {
            guard let end = scan.stringEnd(from: index) else { throw Failure.unterminated }
            index = end
        }

        mutating func readString() throws -> String {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Failure.notAnObject }
            let start = index + 1
            try skipString()
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<(index - 1)]), as: UTF8.self)
        }

        mutating func skipWhitespace() {
            while index < bytes.count,
                bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x09 || bytes[index] == 0x0D
            {
                index += 1
            }
        }
    }
}
