import Foundation

/// Reading JSON bytes without building objects: substring search, string ends, and one structural walk
/// that the redaction pre-check and the image inventory share.
struct ByteScan {
    let raw: UnsafeRawBufferPointer

    init(_ raw: UnsafeRawBufferPointer) {
        self.raw = raw
    }

    /// An open object or array during a walk.
    struct Frame {
        let isObject: Bool
        /// In an object: the current key (without quotes).
        var key: Range<Int>?
        /// Whether the current key holds a JSON escape (then `key(_:is:)` decodes it before comparing).
        var keyEscaped = false
        /// In an array: the current element's index.
        var index = -1
    }

    enum Event {
        case open(isObject: Bool)
        case close
        /// A string value (not a key); the range includes its quotes.
        case string(Range<Int>)
    }

    enum Walk {
        /// The top-level value ended.
        case finished
        /// `visit` asked to stop.
        case stopped
        /// Unbalanced or cut-off bytes.
        case malformed
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")

    /// Walks the JSON once, calling `visit` with each event and the open frames (for `.string`, the frame
    /// holding it has its key or element index set). `visit` returns false to stop.
    func walk(_ visit: (Event, [Frame]) -> Bool) -> Walk {
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
                while index + 1 < raw.count,
                    ![UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}")].contains(raw[index + 1])
                {
                    index += 1
                }
            }
            index += 1
        }
        return .malformed
    }

    /// Whether the key of `frame` is `text`, after decoding JSON escapes (`"v\u0061lue"` is `value`).
    func key(_ frame: Frame, is text: StaticString) -> Bool {
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
    func contents(_ string: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: raw[(string.lowerBound + 1)..<(string.upperBound - 1)])
    }

    /// The string whose quotes span `range`, unescaped when it holds escapes.
    func text(_ string: Range<Int>) -> String? {
        let inner = contents(string)
        guard inner.contains(Self.backslash) else { return String(decoding: inner, as: UTF8.self) }
        return try? JSONDecoder().decode(String.self, from: Data(raw[string]))
    }

    /// Just past the string that opens at `start` (a quote): memchr to each quote, skipping escaped ones.
    func stringEnd(from start: Int) -> Int? {
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
    func find(_ text: String, from start: Int = 0) -> Int? {
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
