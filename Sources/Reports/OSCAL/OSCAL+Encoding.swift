import Foundation

extension OSCAL {
    /// JSON as AuditPack writes every OSCAL document: kebab-case keys, sorted, compact (large clusters give
    /// documents of tens of megabytes; `jq .` indents them), a final newline — the same package, the same bytes.
    public static func encode<Document: Encodable>(_ document: Document) throws -> Data {
        try encoder().encode(document) + Data("\n".utf8)
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .custom { path in
            KebabKey(stringValue: kebab(path.last?.stringValue ?? ""))
        }
        return encoder
    }

    /// `document`, whose one list holding only `placeholder` becomes the risks `produce` makes, each written as it
    /// is made (so they are never all in memory, as values or as text): the bytes go to `sink` in chunks of about
    /// a megabyte.
    static func encode<Document: Encodable>(
        _ document: Document,
        replacing placeholder: Risk,
        produce: ((Risk) throws -> Void) throws -> Void,
        to sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        let encoder = encoder()
        let whole = try encode(document)
        let marker = Data("[".utf8) + (try encoder.encode(placeholder)) + Data("]".utf8)
        guard let range = whole.range(of: marker) else {
            try whole.withUnsafeBytes(sink)
            return
        }
        try whole[..<range.lowerBound].withUnsafeBytes(sink)
        let chunk = 1 << 20
        var json = JSONBytes()
        json.bytes.reserveCapacity(chunk + 64 << 10)
        json.raw("[")
        var first = true
        // `produce` and `sink` never keep their closures: the one handed to `produce` may call `sink`.
        try withoutActuallyEscaping(sink) { sink in
            try produce { risk in
                if !first { json.raw(",") }
                first = false
                risk.write(to: &json)
                if json.bytes.count >= chunk {
                    try json.bytes.withUnsafeBytes(sink)
                    json.bytes.removeAll(keepingCapacity: true)
                }
            }
        }
        json.raw("]")
        try json.bytes.withUnsafeBytes(sink)
        try whole[range.upperBound...].withUnsafeBytes(sink)
    }

    /// `lastModified` → `last-modified`, `partyUuids` → `party-uuids`.
    static func kebab(_ name: String) -> String {
        // Coding keys are ASCII: convert bytes (Character.isUppercase was a tenth of the report's time).
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(name.utf8.count + 4)
            for byte in name.utf8 {
                if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") {
                    bytes.append(UInt8(ascii: "-"))
                    bytes.append(byte + 32)
                } else {
                    bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var result = ""
        for character in name {
            if character.isUppercase {
                result += "-" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }

    private struct KebabKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }

        init(stringValue: String) {
            self.stringValue = stringValue
        }

        init?(intValue: Int) {
            nil
        }
    }
}
