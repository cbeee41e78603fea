import AuditPackCore
import Evaluation
import Foundation
import Reports
import Testing

/// report.html stays readable (and small) on a large cluster: at most `rowsPerRule` findings per rule and control,
/// then a count of the rest; findings.json keeps every finding.
@Suite("reports: HTML caps the rows per rule")
struct HTMLRowCapTests {
    @Test func manyFindingsOfOneRuleAreCountedNotListed() throws {
        let extra = 37
        let total = HTMLReport.rowsPerRule + extra
        let many = (0..<total).map { index in
            Finding(
                rule: "C01.namespace-without-networkpolicy",
                severity: .high,
                object: ObjectRef(kind: "Namespace", name: "ns-\(index)"),
                message: "Namespace ns-\(index) has no NetworkPolicy."
            )
        }
        let few = Finding(
            rule: "C01.other-rule",
            severity: .medium,
            object: ObjectRef(kind: "Namespace", name: "one"),
            message: "Namespace one is odd."
        )
        let findings = FindingsDocument(
            evaluatedAt: Timestamp.parse("2026-03-19T10:00:00Z")!,
            controls: [ControlResult(id: "C01", findings: many + [few])]
        )
        let report = AuditReport(
            manifest: ReportFixture.manifest,
            findings: findings,
            catalog: ReportFixture.catalog,
            policy: BacklogPolicy()
        )
        let html = HTMLReport.render(report)
        let listed = html.components(separatedBy: "has no NetworkPolicy.</li>").count - 1
        #expect(listed == HTMLReport.rowsPerRule)
        #expect(html.contains("… and \(extra) more <code>C01.namespace-without-networkpolicy</code> findings"))
        #expect(html.contains("Namespace one is odd."))
        #expect(!html.contains("more <code>C01.other-rule</code>"))
        // findings.json keeps them all.
        let decoded = try JSONDecoder().decode(FindingsDocument.self, from: try findings.encoded())
        #expect(decoded.controls.first?.findings.count == total + 1)
    }
}
