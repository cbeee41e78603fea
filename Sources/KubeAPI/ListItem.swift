import AuditPackCore
import Foundation

/// One item of a LIST: its compact JSON as the server sent it, with `apiVersion` and `kind` spliced in when
/// the server left them out (as kubectl fills them in). Parsing happens only when someone asks.
public struct ListItem {
    public let bytes: Data
    /// The kind of the listed type (e.g. "Pod").
    public let kind: String

    public init(bytes: Data, kind: String) {
        self.bytes = bytes
        self.kind = kind
    }

    /// The item as a JSON object.
    public func object() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: bytes) as? [String: Any] else {
            throw KubeAPIError.invalidResponse(path: kind, reason: "a list item is not a JSON object")
        }
        return object
    }

    /// The `"apiVersion":…,"kind":…` prefixes spliced into items that lack them, quoted once per list
    /// (quoting per item through JSONSerialization was ~10% of a large collection).
    struct Splice {
        let kind: String
        let both: Data
        let apiVersionOnly: Data
        let kindOnly: Data

        init(apiVersion: String, kind: String) {
            self.kind = kind
            let version = Self.quoted(apiVersion)
            let kindText = Self.quoted(kind)
            both = Data("\"apiVersion\":\(version),\"kind\":\(kindText),".utf8)
            apiVersionOnly = Data("\"apiVersion\":\(version),".utf8)
            kindOnly = Data("\"kind\":\(kindText),".utf8)
        }

        static func quoted(_ text: String) -> String {
            let data = (try? JSONWriter.data(text)) ?? Data("\"\"".utf8)
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// Builds the item from a page slice: splices in what is missing, re-encodes compactly when the server
    /// pretty-printed (so every item stays on one line).
    static func make(
        page: Data,
        range: Range<Int>,
        hasKind: Bool,
        hasAPIVersion: Bool,
        hasNewline: Bool,
        splice: Splice
    ) throws -> ListItem {
        guard !hasNewline else {
            let object = try JSONSerialization.jsonObject(with: page.subdata(in: range))
            return try splicing(JSONWriter.data(object), hasKind: hasKind, hasAPIVersion: hasAPIVersion, splice: splice)
        }
        return splicing(page[range], hasKind: hasKind, hasAPIVersion: hasAPIVersion, splice: splice)
    }

    /// The item's own bytes (one copy), with the missing `apiVersion`/`kind` after its opening brace.
    private static func splicing(_ bytes: Data, hasKind: Bool, hasAPIVersion: Bool, splice: Splice) -> ListItem {
        guard !(hasKind && hasAPIVersion) else { return ListItem(bytes: Data(bytes), kind: splice.kind) }
        var prefix = hasKind ? splice.apiVersionOnly : hasAPIVersion ? splice.kindOnly : splice.both
        var rest = bytes.dropFirst()  // past "{"
        while let first = rest.first, first == 0x20 || first == 0x09 { rest = rest.dropFirst() }
        if rest.first == UInt8(ascii: "}") { prefix.removeLast() }  // an empty object: no trailing comma
        var spliced = Data(capacity: 1 + prefix.count + rest.count)
        spliced.append(UInt8(ascii: "{"))
        spliced.append(prefix)
        spliced.append(rest)
        return ListItem(bytes: spliced, kind: splice.kind)
    }
}
