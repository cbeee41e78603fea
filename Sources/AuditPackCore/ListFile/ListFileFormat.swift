import Foundation

/// The layout of a List evidence file, shared by ``ListFileOutput`` (which writes it) and ``ListFileReader`` /
/// ``ListLineSplitter`` (which read it back item by item):
///
/// ```
/// {
///     "apiVersion": "v1",
///     "items": [
///         {…one item, compact JSON…},
///         {…}
///     ],
///     "kind": "List",
///     "metadata": {
///         "resourceVersion": "123"
///     }
/// }
/// ```
///
/// The List's keys as kubectl orders them; one item per line, so the file is deterministic and greppable.
public enum ListFileFormat {
    /// How every file starts; only files starting so are read line by line.
    public static let header = Data("{\n    \"apiVersion\": \"v1\",\n    \"items\": [".utf8)

    /// The indent before each item; a line starting with it followed by `{` is an item.
    public static let itemIndent = Data("        ".utf8)

    /// What precedes item number `index` (0-based): a line break and the indent, after a comma but for the first.
    static func itemSeparator(index: Int) -> Data {
        Data((index == 0 ? "\n" : ",\n").utf8) + itemIndent
    }

    /// What follows the last item: the end of `items`, `kind` and the List's `resourceVersion`.
    static func footer(itemCount: Int, resourceVersion: String) throws -> Data {
        let version = try JSONSerialization.data(withJSONObject: [resourceVersion], options: [])
        let quoted = String(decoding: version.dropFirst().dropLast(), as: UTF8.self)
        return Data(
            ((itemCount == 0 ? "],\n" : "\n    ],\n")
                + "    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \(quoted)\n    }\n}\n")
                .utf8
        )
    }
}
