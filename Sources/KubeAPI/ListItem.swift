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

    /// Whether the raw bytes contain `text` (a cheap pre-check before parsing).
    public func contains(_ text: String) -> Bool {
        bytes.range(of: Data(text.utf8)) != nil
    }

    /// Builds the item from a page slice: splices in what is missing, re-encodes compactly when the server
    /// pretty-printed (so every item stays on one line).
    static func make(
        page: Data,
        range: Range<Int>,
        hasKind: Bool,
        hasAPIVersion: Bool,
        hasNewline: Bool,
        apiVersion: String,
        kind: String
    ) throws -> ListItem {
        var bytes = page.subdata(in: range)
        if hasNewline {
            let object = try JSONSerialization.jsonObject(with: bytes)
            bytes = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        }
        guard !(hasKind && hasAPIVersion) else { return ListItem(bytes: bytes, kind: kind) }
        var prefix = "{"
        if !hasAPIVersion { prefix += "\"apiVersion\":\(quoted(apiVersion))," }
        if !hasKind { prefix += "\"kind\":\(quoted(kind))," }
        var rest = bytes.dropFirst()  // past "{"
        while let first = rest.first, [0x20, 0x09].contains(first) { rest = rest.dropFirst() }
        if rest.first == UInt8(ascii: "}") { prefix.removeLast() }  // an empty object: no trailing comma
        return ListItem(bytes: Data(prefix.utf8) + rest, kind: kind)
    }

    static func quoted(_ text: String) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes]))
            ?? Data("[\"\"]".utf8)
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
}
