import Foundation
import KubeAPI

extension Redactor {
    /// Whether an item's raw bytes could hold anything `redact` would change, decided without parsing.
    ///
    /// Conservative: it answers false only when no environment variable with a secret-looking name has a
    /// literal value. Each `"name":"…"` whose string looks secret is followed to the end of its object; a
    /// non-empty `"value"` string there (or a shape the scan does not follow, e.g. `name` not the first key,
    /// or escaped JSON inside an annotation holding any `value` key) means the item is parsed.
    /// `valueFrom` references carry no secret, so most workloads pass through untouched.
    func mayHoldSecret(_ bytes: Data) -> Bool {
        bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let scan = ByteScan(raw)
            if scan.find("last-applied-configuration") != nil,
                scan.find(#"\"data\""#) != nil || scan.find(#"\"stringData\""#) != nil
            {
                return true
            }
            var from = 0
            while let hit = scan.find("name", from: from) {
                from = hit + 4
                guard let name = scan.keyString(namedAt: hit) else { continue }
                guard name.undecodable || looksSecret(bytes: name.text) else { continue }
                if name.escaped {
                    // Inside an annotation's JSON string: parse when any literal value might be there.
                    if scan.find(#"\"value\":"#) != nil { return true }
                    continue
                }
                if !scan.opensObject(before: name.keyStart) || scan.hasLiteralValue(after: name.end) {
                    return true
                }
            }
            return false
        }
    }

    /// `looksSecret` on raw bytes: upper-cased, `-` and `.` read as `_`. Non-ASCII names count as secret.
    func looksSecret(bytes: UnsafeRawBufferPointer) -> Bool {
        var normalized = [UInt8]()
        normalized.reserveCapacity(bytes.count)
        for byte in bytes {
            guard byte < 0x80 else { return true }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): normalized.append(byte - 32)
            case UInt8(ascii: "-"), UInt8(ascii: "."): normalized.append(UInt8(ascii: "_"))
            default: normalized.append(byte)
            }
        }
        return patternBytes.contains { pattern in
            pattern.count <= normalized.count
                && (0...(normalized.count - pattern.count)).contains { start in
                    normalized[start..<(start + pattern.count)].elementsEqual(pattern)
                }
        }
    }
}

/// Byte-level reading of compact JSON, enough to follow one object's keys without building it.
struct ByteScan {
    let raw: UnsafeRawBufferPointer

    init(_ raw: UnsafeRawBufferPointer) {
        self.raw = raw
    }

    struct KeyString {
        /// Where the key's opening quote (or the backslash before it) is.
        var keyStart: Int
        /// The value string's bytes, without quotes.
        var text: UnsafeRawBufferPointer
        /// Just past the value string's closing quote.
        var end: Int
        /// Whether the pair sits inside a JSON string (quotes written `\"`).
        var escaped: Bool
        /// Whether the name holds an escape sequence, so its bytes are not its text.
        var undecodable: Bool
    }

    func byte(_ index: Int) -> UInt8? { index >= 0 && index < raw.count ? raw[index] : nil }

    /// The offset of the next occurrence of `text` at or after `start` (memchr for the first byte, then
    /// memcmp: Data's generic search is far slower, and Glibc's memmem is not exported to Swift).
    func find(_ text: String, from start: Int = 0) -> Int? {
        guard let base = raw.baseAddress else { return nil }
        var needle = text
        return needle.withUTF8 { pattern -> Int? in
            guard let first = pattern.first else { return start }
            var offset = start
            while offset + pattern.count <= raw.count {
                guard let hit = memchr(base + offset, Int32(first), raw.count - offset - pattern.count + 1) else {
                    return nil
                }
                let index = UnsafeRawPointer(hit) - base
                if memcmp(base + index, pattern.baseAddress!, pattern.count) == 0 { return index }
                offset = index + 1
            }
            return nil
        }
    }

    /// For `name` found at `at`: when it is a key (`"name":"…"` or `\"name\":\"…\"`), its string value.
    /// Returns nil for anything else.
    func keyString(namedAt at: Int) -> KeyString? {
        guard byte(at - 1) == UInt8(ascii: "\"") else { return nil }
        let escaped = byte(at - 2) == UInt8(ascii: "\\")
        let quote = escaped ? #"\""# : "\""
        var index = at + 4
        guard matches(quote, at: index) else { return nil }
        index += quote.utf8.count
        index = skipSpace(index)
        guard byte(index) == UInt8(ascii: ":") else { return nil }
        index = skipSpace(index + 1)
        guard matches(quote, at: index) else { return nil }
        let start = index + quote.utf8.count
        var end = start
        var undecodable = false
        while let current = byte(end), current != UInt8(ascii: "\"") {
            if current == UInt8(ascii: "\\") {
                if escaped && byte(end + 1) == UInt8(ascii: "\"") { break }
                undecodable = true
            }
            end += 1
        }
        guard end < raw.count else { return nil }
        return KeyString(
            keyStart: at - (escaped ? 2 : 1),
            text: UnsafeRawBufferPointer(rebasing: raw[start..<end]),
            end: end + quote.utf8.count,
            escaped: escaped,
            undecodable: undecodable
        )
    }

    /// Whether the key starting at `keyStart` is the first of its object (only whitespace back to `{`).
    func opensObject(before keyStart: Int) -> Bool {
        var index = keyStart - 1
        while let current = byte(index), current == 0x20 || current == 0x0A || current == 0x09 || current == 0x0D {
            index -= 1
        }
        return byte(index) == UInt8(ascii: "{")
    }

    /// Reads the rest of an object from just after a value (at depth 0 of that object) and tells whether a
    /// `"value"` key there holds a non-empty string. Anything unreadable counts as yes.
    func hasLiteralValue(after start: Int) -> Bool {
        var index = start
        while true {
            index = skipSpace(index)
            guard let current = byte(index) else { return true }
            if current == UInt8(ascii: "}") { return false }
            guard current == UInt8(ascii: ",") else { return true }
            index = skipSpace(index + 1)
            guard byte(index) == UInt8(ascii: "\""), let keyEnd = stringEnd(from: index) else { return true }
            let isValue = keyEnd - index == 7 && matches("\"value\"", at: index)
            index = skipSpace(keyEnd)
            guard byte(index) == UInt8(ascii: ":") else { return true }
            index = skipSpace(index + 1)
            if isValue, byte(index) == UInt8(ascii: "\"") {
                if byte(index + 1) != UInt8(ascii: "\"") { return true }
            }
            guard let next = skipValue(from: index) else { return true }
            index = next
        }
    }

    /// Just past the string that opens at `start` (a quote), honouring backslash escapes.
    func stringEnd(from start: Int) -> Int? {
        var index = start + 1
        while let current = byte(index) {
            if current == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if current == UInt8(ascii: "\"") { return index + 1 }
            index += 1
        }
        return nil
    }

    /// Just past the JSON value that starts at `start`.
    func skipValue(from start: Int) -> Int? {
        guard let first = byte(start) else { return nil }
        if first == UInt8(ascii: "\"") { return stringEnd(from: start) }
        if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            var depth = 0
            var index = start
            while let current = byte(index) {
                switch current {
                case UInt8(ascii: "\""):
                    guard let end = stringEnd(from: index) else { return nil }
                    index = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default: break
                }
                index += 1
            }
            return nil
        }
        var index = start
        while let current = byte(index), ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]")].contains(current) {
            index += 1
        }
        return index
    }

    func skipSpace(_ start: Int) -> Int {
        var index = start
        while let current = byte(index), current == 0x20 || current == 0x0A || current == 0x09 || current == 0x0D {
            index += 1
        }
        return index
    }

    func matches(_ text: String, at index: Int) -> Bool {
        let bytes = Array(text.utf8)
        guard index >= 0, index + bytes.count <= raw.count else { return false }
        return bytes.indices.allSatisfy { raw[index + $0] == bytes[$0] }
    }
}
