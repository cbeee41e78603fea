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

    /// `document`, whose one list holding only `placeholder` becomes the elements `produce` writes, each encoded on
    /// its own (so they are never all in memory as values).
    static func encode<Document: Encodable, Element: Encodable>(
        _ document: Document,
        replacing placeholder: Element,
        produce: ((Element) throws -> Void) throws -> Void
    ) throws -> Data {
        let encoder = encoder()
        let whole = try encode(document)
        let marker = Data("[".utf8) + (try encoder.encode(placeholder)) + Data("]".utf8)
        guard let range = whole.range(of: marker) else { return whole }
        var output = Data(whole[..<range.lowerBound])
        output.append(UInt8(ascii: "["))
        var first = true
        try produce { element in
            if !first { output.append(UInt8(ascii: ",")) }
            first = false
            output.append(try encoder.encode(element))
        }
        output.append(UInt8(ascii: "]"))
        output.append(whole[range.upperBound...])
        return output
    }

    /// `lastModified` → `last-modified`, `partyUuids` → `party-uuids`.
    static func kebab(_ name: String) -> String {
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
