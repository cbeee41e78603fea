import Foundation
import KubeAPI

extension Redactor {
    /// Whether an item's raw bytes could hold anything `redact` would change, decided without parsing.
    ///
    /// Conservative: it answers false only when no JSON object in the item has both a `name` that looks
    /// secret (or holds an escape) and a non-empty string `value` — the shape of a literal env var. The
    /// last-applied annotation's JSON is unescaped and scanned the same way, and any `data`/`stringData` in
    /// it means yes. `valueFrom` references carry no secret, so most workloads pass through untouched.
    func mayHoldSecret(_ bytes: Data) -> Bool {
        bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let scan = ByteScan(raw)
            if scan.find("last-applied-configuration") != nil,
                scan.find(#"\"data\""#) != nil || scan.find(#"\"stringData\""#) != nil
            {
                return true
            }
            return scan.hasSecretPair(looksSecret: looksSecret(bytes:)) { encoded in
                // The annotation's value is JSON inside a JSON string: unescape it, then scan it alike.
                guard let text = try? JSONDecoder().decode(String.self, from: Data(encoded)) else { return true }
                return mayHoldSecret(Data(text.utf8))
            }
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

/// One pass over an item's compact JSON, following objects and keys without building anything.
struct ByteScan {
    let raw: UnsafeRawBufferPointer

    init(_ raw: UnsafeRawBufferPointer) {
        self.raw = raw
    }

    private struct Frame {
        var isObject: Bool
        var secretName = false
        var literalValue = false
    }

    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let lastApplied = Array("kubectl.kubernetes.io/last-applied-configuration".utf8)

    /// Whether some object has a secret-looking `name` string and a non-empty `value` string.
    /// `annotation` judges the last-applied annotation's raw (still quoted) string. Unreadable bytes: yes.
    func hasSecretPair(
        looksSecret: (UnsafeRawBufferPointer) -> Bool,
        annotation: (UnsafeRawBufferPointer) -> Bool
    ) -> Bool {
        var stack: [Frame] = []
        var expectingKey = false
        var key = 0..<0
        var index = 0
        while index < raw.count {
            switch raw[index] {
            case UInt8(ascii: "{"):
                stack.append(Frame(isObject: true))
                expectingKey = true
            case UInt8(ascii: "["):
                stack.append(Frame(isObject: false))
                expectingKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard let frame = stack.popLast() else { return true }
                if frame.secretName && frame.literalValue { return true }
                expectingKey = false
            case UInt8(ascii: ","):
                expectingKey = stack.last?.isObject == true
            case UInt8(ascii: ":"):
                expectingKey = false
            case Self.quote:
                guard let end = stringEnd(from: index) else { return true }
                let content = (index + 1)..<(end - 1)
                defer { index = end }
                if expectingKey {
                    key = content
                    continue
                }
                guard stack.last?.isObject == true else { continue }
                if equals(key, "name") {
                    let text = UnsafeRawBufferPointer(rebasing: raw[content])
                    if text.contains(Self.backslash) || looksSecret(text) { stack[stack.count - 1].secretName = true }
                } else if equals(key, "value") {
                    if !content.isEmpty { stack[stack.count - 1].literalValue = true }
                } else if raw[key].elementsEqual(Self.lastApplied) {
                    if annotation(UnsafeRawBufferPointer(rebasing: raw[index..<end])) { return true }
                }
                continue
            default:
                break
            }
            index += 1
        }
        return !stack.isEmpty
    }

    private func equals(_ range: Range<Int>, _ text: StaticString) -> Bool {
        range.count == text.utf8CodeUnitCount
            && memcmp(raw.baseAddress! + range.lowerBound, text.utf8Start, range.count) == 0
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
