import Foundation

extension FindingsDocument {
    /// findings.json written piece by piece — the same bytes as `encoded()` — so a large cluster's findings are
    /// never held as one encoded tree: each finding is encoded alone and spliced into the document's shell.
    public func write(to sink: (Data) throws -> Void) throws {
        let encoder = Self.encoder
        guard !controls.isEmpty else { return try sink(try encoded()) }
        var shell = self
        shell.controls = []
        let (head, tail) = try JSONSplice.split(encoder.encode(shell), arrayKey: "controls", indent: 2)
        try sink(Data(head.utf8))
        for (index, control) in controls.enumerated() {
            try sink(Data((index == 0 ? "\n" : ",\n").utf8))
            try control.write(encoder: encoder, indent: 4, to: sink)
        }
        try sink(Data(("\n" + JSONSplice.spaces(2) + "]" + tail + "\n").utf8))
    }

    /// The one encoder findings.json is written with, whole (`encoded()`) or piece by piece (`write(to:)`).
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

extension ControlResult {
    /// This control as it appears inside findings.json's `controls` array, `indent` spaces in.
    func write(encoder: JSONEncoder, indent: Int, to sink: (Data) throws -> Void) throws {
        guard !findings.isEmpty else {
            let text = String(decoding: try encoder.encode(self), as: UTF8.self)
            return try sink(Data(JSONSplice.indented(text, by: indent).utf8))
        }
        var shell = self
        shell.findings = []
        let (head, tail) = try JSONSplice.split(encoder.encode(shell), arrayKey: "findings", indent: 2)
        try sink(Data(JSONSplice.indented(head, by: indent).utf8))
        for (index, finding) in findings.enumerated() {
            let text = String(decoding: try encoder.encode(finding), as: UTF8.self)
            try sink(Data(((index == 0 ? "\n" : ",\n") + JSONSplice.indented(text, by: indent + 4)).utf8))
        }
        let close = "\n" + JSONSplice.spaces(indent + 2) + "]"
        try sink(Data((close + JSONSplice.indented(tail, by: indent, skippingFirstLine: true)).utf8))
    }
}

/// Splices separately encoded array elements into a pretty-printed JSON document whose array was encoded empty.
enum JSONSplice {
    struct ShapeError: Error, CustomStringConvertible {
        var key: String
        var description: String { "findings.json: the encoder's output has no \"\(key)\" array where expected" }
    }

    static func spaces(_ count: Int) -> String { String(repeating: " ", count: count) }

    /// `head` ends with the array's `[`; `tail` starts right after its `]` (the empty array's inside dropped).
    static func split(_ data: Data, arrayKey key: String, indent: Int) throws -> (head: String, tail: String) {
        let text = String(decoding: data, as: UTF8.self)
        let marker = "\n" + spaces(indent) + "\"\(key)\" : ["
        guard let open = text.range(of: marker),
            let close = text[open.upperBound...].firstIndex(where: { !$0.isWhitespace }),
            text[close] == "]"
        else { throw ShapeError(key: key) }
        return (String(text[..<open.upperBound]), String(text[text.index(after: close)...]))
    }

    /// Every non-empty line of `text` prefixed with `count` spaces (JSON strings hold no raw newlines, so lines
    /// are safe; the encoder leaves the blank line of an empty array unindented).
    static func indented(_ text: String, by count: Int, skippingFirstLine: Bool = false) -> String {
        let prefix = spaces(count)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { index, line in
            (skippingFirstLine && index == 0) || line.isEmpty ? String(line) : prefix + line
        }.joined(separator: "\n")
    }
}
