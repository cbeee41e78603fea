import Foundation

/// The one JSON byte walker: reading JSON bytes without building objects. String ends (memchr to each quote),
/// value ends, substring search, and one structural walk. The LIST page splitter, the redaction pre-check and
/// the image inventory all tokenise through it.
package struct ByteScan {
    package let raw: UnsafeRawBufferPointer

    package init(_ raw: UnsafeRawBufferPointer) {
        self.raw = raw
    }

    /// An open object or array during a walk.
    package struct Frame {
        package let isObject: Bool
        /// In an object: the current key (without quotes).
        package var key: Range<Int>?
        /// Whether the current key holds a JSON escape (then `key(_:is:)` decodes it before comparing).
        package var keyEscaped = false
        /// In an array: the current element's index.
        package var index = -1

        @usableFromInline
        init(isObject: Bool) {
            self.isObject = isObject
        }
    }

    package enum Event {
        case open(isObject: Bool)
        case close
        /// A string value (not a key); the range includes its quotes.
        case string(Range<Int>)
    }

    package enum Walk {
        /// The top-level value ended.
        case finished
        /// `visit` asked to stop.
        case stopped
        /// Unbalanced or cut-off bytes.
        case malformed
    }

    @usableFromInline static let quote = UInt8(ascii: "\"")
    @usableFromInline static let backslash = UInt8(ascii: "\\")

    /// Walks the JSON once, calling `visit` with each event and the open frames (for `.string`, the frame
    /// holding it has its key or element index set). `visit` returns false to stop.
    /// Inlinable: its callers (in Collection) pass a closure per event, which specialisation removes.
    @inlinable
    package func walk(_ visit: (Event, [Frame]) -> Bool) -> Walk {
        var frames: [Frame] = []
        var expectingKey = false
        var index = 0
        func enterValue() {
            guard let last = frames.indices.last, !frames[last].isObject else { return }
            frames[last].index += 1
        }
        while index < raw.count {
            switch raw[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = raw[index] == UInt8(ascii: "{")
                enterValue()
                frames.append(Frame(isObject: isObject))
                expectingKey = isObject
                guard visit(.open(isObject: isObject), frames) else { return .stopped }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard frames.popLast() != nil else { return .malformed }
                expectingKey = false
                guard visit(.close, frames) else { return .stopped }
                if frames.isEmpty { return .finished }
            case UInt8(ascii: ","):
                expectingKey = frames.last?.isObject == true
            case UInt8(ascii: ":"):
                expectingKey = false
            case Self.quote:
                guard let end = stringEnd(from: index) else { return .malformed }
                if expectingKey {
                    frames[frames.count - 1].key = (index + 1)..<(end - 1)
                    frames[frames.count - 1].keyEscaped =
                        memchr(raw.baseAddress! + index + 1, Int32(Self.backslash), end - index - 2) != nil
                } else {
                    enterValue()
                    guard visit(.string(index..<end), frames) else { return .stopped }
                }
                index = end
                continue
            case 0x20, 0x0A, 0x09, 0x0D:
                break
            default:
                // A number, true, false or null: an element when inside an array.
                enterValue()
                while index + 1 < raw.count, !Self.endsScalar(raw[index + 1]) {
                    index += 1
                }
            }
            index += 1
        }
        return .malformed
    }

    /// Whether the key of `frame` is `text`, after decoding JSON escapes (`"v\u0061lue"` is `value`).
    package func key(_ frame: Frame, is text: StaticString) -> Bool {
        guard let range = frame.key, let base = raw.baseAddress else { return false }
        if range.count == text.utf8CodeUnitCount, memcmp(base + range.lowerBound, text.utf8Start, range.count) == 0 {
            return true
        }
        // An escaped key is longer than its text; only then is it worth decoding.
        guard frame.keyEscaped, range.count > text.utf8CodeUnitCount,
            let decoded = self.text((range.lowerBound - 1)..<(range.upperBound + 1))
        else { return false }
        return decoded.utf8.elementsEqual(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// The bytes inside a string's quotes.
    package func contents(_ string: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: raw[(string.lowerBound + 1)..<(string.upperBound - 1)])
    }

    /// The string whose quotes span `range`, unescaped when it holds escapes.
    package func text(_ string: Range<Int>) -> String? {
        let inner = contents(string)
        guard inner.contains(Self.backslash) else { return String(decoding: inner, as: UTF8.self) }
        return Self.unescape(inner)
    }

    /// JSON string contents with their escapes decoded, or nil when they are not valid JSON (a bad escape, a
    /// lone surrogate, a raw control character): callers then fail closed. A JSONDecoder per string was most of
    /// the redaction pre-check's time (every last-applied-configuration annotation is an escaped object).
    package static func unescape(_ inner: UnsafeRawBufferPointer) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(inner.count)
        var index = 0
        func hex(_ at: Int) -> UInt32? {
            guard at + 4 <= inner.count else { return nil }
            var value: UInt32 = 0
            for offset in 0..<4 {
                let byte = inner[at + offset]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        while index < inner.count {
            let byte = inner[index]
            if byte < 0x20 || byte == quote { return nil }
            guard byte == backslash else {
                output.append(byte)
                index += 1
                continue
            }
            guard index + 1 < inner.count else { return nil }
            let escaped = inner[index + 1]
            index += 2
            switch escaped {
            case quote, backslash, UInt8(ascii: "/"): output.append(escaped)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex(index) else { return nil }
                index += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    guard index + 1 < inner.count, inner[index] == backslash, inner[index + 1] == UInt8(ascii: "u"),
                        let low = hex(index + 2), (0xDC00..<0xE000).contains(low)
                    else { return nil }
                    index += 6
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(scalar) {
                    return nil
                }
                guard let unicode = Unicode.Scalar(scalar) else { return nil }
                output.append(contentsOf: UTF8.encode(unicode)!)
            default:
                return nil
            }
        }
        return String(validating: output, as: UTF8.self)
    }

    /// Whether `byte` ends a number, true, false or null.
    @inlinable
    static func endsScalar(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
    }

    /// Just past the value that starts at `start` (after any whitespace), or nil when it is cut off: strings by
    /// `stringEnd`, objects and arrays by depth, scalars up to the next delimiter.
    package func valueEnd(from start: Int) -> Int? {
        var index = start
        guard index < raw.count else { return nil }
        switch raw[index] {
        case Self.quote:
            return stringEnd(from: index)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while index < raw.count {
                let byte = raw[index]
                if byte == Self.quote {
                    guard let end = stringEnd(from: index) else { return nil }
                    index = end
                    continue
                }
                if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") { depth += 1 }
                if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return index + 1 }
                }
                index += 1
            }
            return nil
        default:  // number, true, false, null
            while index < raw.count, !Self.endsScalar(raw[index]) { index += 1 }
            return index
        }
    }

    /// Just past the string that opens at `start` (a quote): memchr to each quote, skipping escaped ones.
    package func stringEnd(from start: Int) -> Int? {
        guard let base = raw.baseAddress else { return nil }
        var offset = start + 1
        while offset < raw.count {
            guard let hit = memchr(base + offset, Int32(Self.quote), raw.count - offset) else { return nil }
            let at = UnsafeRawPointer(hit) - base
            var backslashes = 0
            while at - backslashes - 1 > start && raw[at - backslashes - 1] == Self.backslash { backslashes += 1 }
            if backslashes % 2 == 0 { return at + 1 }
            offset = at + 1
        }
        return nil
    }

    /// The offset of the next occurrence of `text` at or after `start` (memchr for the first byte, then
    /// memcmp: Data's generic search is far slower, and Glibc's memmem is not exported to Swift).
    package func find(_ text: String, from start: Int = 0) -> Int? {
        guard let base = raw.baseAddress else { return nil }
        var needle = text
        return needle.withUTF8 { pattern -> Int? in
            guard let first = pattern.first, let needleBase = pattern.baseAddress else { return start }
            var offset = start
            while offset + pattern.count <= raw.count {
                guard let hit = memchr(base + offset, Int32(first), raw.count - offset - pattern.count + 1) else {
                    return nil
                }
                let index = UnsafeRawPointer(hit) - base
                if memcmp(base + index, needleBase, pattern.count) == 0 { return index }
                offset = index + 1
            }
            return nil
        }
    }
}
