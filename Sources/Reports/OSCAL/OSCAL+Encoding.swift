import Foundation

extension OSCAL {
    /// JSON as AuditPack writes every OSCAL document: kebab-case keys, sorted, two-space indent, a final newline —
    /// so the same package always gives the same bytes.
    public static func encode<Document: Encodable>(_ document: Document) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .custom { path in
            KebabKey(stringValue: kebab(path.last?.stringValue ?? ""))
        }
        return try encoder.encode(document) + Data("\n".utf8)
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
