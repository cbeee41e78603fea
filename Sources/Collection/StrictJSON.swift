import Foundation

/// Whether text is exactly one clean JSON object: well-formed, no key twice in one object (after
/// decoding escapes), nothing but whitespace after it. Used to fail closed on annotations that embed an
/// object (`last-applied-configuration`): a lenient parser keeps one of two duplicate keys and would let
/// the other one through unredacted.
enum StrictJSON {
    static func isCleanObject(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            var parser = Parser(bytes: UnsafeRawBufferPointer(buffer))
            parser.skipSpace()
            guard parser.peek == UInt8(ascii: "{"), parser.value(depth: 0) else { return false }
            parser.skipSpace()
            return parser.index == buffer.count
        }
    }

    private struct Parser {
        let bytes: UnsafeRawBufferPointer
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipSpace() {
            while let byte = peek, [0x20, 0x0A, 0x09, 0x0D].contains(byte) { index += 1 }
        }

        mutating func value(depth: Int) -> Bool {
            guard depth < 512 else { return false }
            skipSpace()
            switch peek ?? 0 {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string() != nil
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number()
            }
        }

        mutating func object(depth: Int) -> Bool {
            index += 1
            var keys = Set<String>()
            skipSpace()
            if peek == UInt8(ascii: "}") {
                index += 1
                return true
            }
            while true {
                skipSpace()
                guard peek == UInt8(ascii: "\""), let key = string(), keys.insert(key).inserted else { return false }
                skipSpace()
                guard peek == UInt8(ascii: ":") else { return false }
                index += 1
                guard value(depth: depth + 1) else { return false }
                skipSpace()
                if peek == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard peek == UInt8(ascii: "}") else { return false }
                index += 1
                return true
            }
        }

        mutating func array(depth: Int) -> Bool {
            index += 1
            skipSpace()
            if peek == UInt8(ascii: "]") {
                index += 1
                return true
            }
            while true {
                guard value(depth: depth + 1) else { return false }
                skipSpace()
                if peek == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard peek == UInt8(ascii: "]") else { return false }
                index += 1
                return true
            }
        }

        /// The decoded string at a quote, or nil when malformed.
        mutating func string() -> String? {
            let start = index
            index += 1
            var escaped = false
            while let byte = peek {
                index += 1
                if byte < 0x20 { return nil }
                if byte == UInt8(ascii: "\\") {
                    escaped = true
                    guard peek != nil else { return nil }
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    let raw = Data(bytes[start..<index])
                    guard escaped else { return String(decoding: raw.dropFirst().dropLast(), as: UTF8.self) }
                    return try? JSONDecoder().decode(String.self, from: raw)
                }
            }
            return nil
        }

        mutating func literal(_ word: StaticString) -> Bool {
            guard SecretValueRules.has(bytes, word, at: index) else { return false }
            index += word.utf8CodeUnitCount
            return true
        }

        mutating func number() -> Bool {
            let start = index
            while let byte = peek,
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")]
                        .contains(byte)
            {
                index += 1
            }
            return index > start
        }
    }
}
