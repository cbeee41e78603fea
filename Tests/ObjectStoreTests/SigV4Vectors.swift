import Foundation
import ObjectStore
import Testing

/// The AWS SigV4 test suite (Resources/aws4_testsuite, from botocore's sdist, Apache-2.0 — see its LICENSE,
/// NOTICE and PROVENANCE.md): for each case, the raw request and the expected canonical request, string to
/// sign and Authorization header.
struct SigV4Vector: CustomTestStringConvertible, Sendable {
    var name: String
    var folder: URL

    var testDescription: String { name }

    static let root = Bundle.module.bundleURL.appendingPathComponent("Resources/aws4_testsuite")

    static func all() -> [SigV4Vector] {
        var found: [SigV4Vector] = []
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if url.pathExtension == "req" {
                let folder = url.deletingLastPathComponent()
                found.append(
                    SigV4Vector(name: folder.path.replacingOccurrences(of: root.path + "/", with: ""), folder: folder)
                )
            }
        }
        return found.sorted { $0.name < $1.name }
    }

    func file(_ suffix: String) throws -> String {
        let base = folder.lastPathComponent
        return try String(contentsOf: folder.appendingPathComponent("\(base).\(suffix)"), encoding: .utf8)
    }

    /// Parses the `.req` file: request line, headers (continuation lines folded in), blank line, body.
    func request() throws -> SigV4Signer.Request {
        let text = try file("req")
        let (head, body) =
            text.range(of: "\n\n").map { (String(text[..<$0.lowerBound]), String(text[$0.upperBound...])) }
            ?? (text, "")
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let requestLine = lines.removeFirst()
        let method = String(requestLine.prefix { $0 != " " })
        let target = String(requestLine.dropFirst(method.count + 1).dropLast(" HTTP/1.1".count))
        let (path, queryText) =
            target.firstIndex(of: "?").map {
                (String(target[..<$0]), String(target[target.index(after: $0)...]))
            } ?? (target, "")
        var headers: [(String, String)] = []
        for line in lines {
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].1 += "\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        return SigV4Signer.Request(
            method: method,
            path: path,
            query: Self.query(queryText),
            headers: headers,
            payloadSHA256: Self.sha256Hex(Data(body.utf8))
        )
    }

    static func query(_ text: String) -> [(String, String)] {
        guard !text.isEmpty else { return [] }
        return text.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            return (name, value)
        }
    }

    static func sha256Hex(_ data: Data) -> String {
        SigV4Signer.hexSHA256(data)
    }
}
