import AuditPackCore
import Foundation
import Testing

@testable import Evaluation

/// findings.json is written finding by finding (so a large cluster's findings are never one encoded tree), and
/// the bytes are exactly what encoding the whole document gives.
@Suite("findings.json: streamed bytes equal the whole document's")
struct FindingsStreamingTests {
    static func streamed(_ document: FindingsDocument) throws -> Data {
        var data = Data()
        try document.write { data.append($0) }
        return data
    }

    static func finding(_ index: Int, _ message: String) -> Finding {
        Finding(
            rule: "C0\(index % 9 + 1).rule-\(index % 3)",
            severity: Severity.allCases[index % 4],
            object: ObjectRef(kind: "Pod", namespace: index % 2 == 0 ? "ns-\(index)" : nil, name: "p\(index)"),
            message: message,
            detector: index % 5 == 0 ? "value:jwt" : nil,
            originalSeverity: index % 7 == 0 ? .low : nil
        )
    }

    static let messages = [
        "plain", "quotes \" and \\ backslash", "new\nline and\ttab", "slash / and </script>", "ünïcödé ✓ 🔐",
        "", "  leading spaces", "brackets [ ] { } and \"key\" : [ inside",
    ]

    static var documents: [FindingsDocument] {
        let now = Date(timeIntervalSince1970: 1_780_000_000)
        var withDisabled = ControlResult(id: "C02", findings: [finding(1, "kept")])
        withDisabled.disabledRules = [DisabledRule(rule: "C02.rule-x", reason: "accepted \"risk\"", findings: 3)]
        let policy = PolicyRecord(
            file: "policy.yaml",
            sha256: String(repeating: "a", count: 64),
            thresholds: ["C04.max_high": .number(3)],
            rules: [.init(rule: "C02.rule-x", disabled: true, reason: "accepted")]
        )
        return [
            FindingsDocument(evaluatedAt: now, controls: []),
            FindingsDocument(evaluatedAt: now, controls: [ControlResult(id: "C01", findings: [])]),
            FindingsDocument(
                evaluatedAt: now,
                controls: [
                    ControlResult(id: "C01", findings: messages.enumerated().map { finding($0, $1) }),
                    .notAssessed("C07", reason: "C07a was not collected"),
                    withDisabled,
                    ControlResult(id: "C03", findings: (0..<500).map { finding($0, "message \($0)") }),
                ],
                policy: policy
            ),
        ]
    }

    @Test func streamedEqualsEncoded() throws {
        for document in Self.documents {
            let streamed = try Self.streamed(document)
            let encoded = try document.encoded()
            #expect(streamed == encoded, "\(String(decoding: streamed.prefix(400), as: UTF8.self))")
            #expect(try JSONDecoder().decode(FindingsDocument.self, from: streamed) == document)
        }
    }
}
