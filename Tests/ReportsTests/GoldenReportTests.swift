import AuditPackCore
import Foundation
import Reports
import TestSupport
import Testing

/// Report outputs compared with reviewed golden files. After an intended change, regenerate with
/// `AUDITPACK_UPDATE_GOLDEN=1 swift test --filter ReportsTests` and review the diff.
@Suite("reports: golden outputs")
struct GoldenReportTests {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Golden"
    )

    @Test(arguments: [ReportFormat.text, .markdown, .csv, .json])
    func matchesGolden(format: ReportFormat) throws {
        let rendered = try format.render(ReportFixture.report())
        let file = Self.goldenFolder.appendingPathComponent("report.\(format.rawValue)")
        if ProcessInfo.processInfo.environment["AUDITPACK_UPDATE_GOLDEN"] == "1" {
            try Data(rendered.utf8).write(to: file)
        }
        let golden = try String(contentsOf: file, encoding: .utf8)
        #expect(rendered == golden, "\(format) differs from \(file.path)")
    }

    @Test func timeToEvidenceTotalsFollowTheBrief() {
        let report = ReportFixture.report()
        let c03 = report.timeToEvidence.first { $0.control == "C03" }
        #expect(c03?.collectionMilliseconds == 1_336, "C03a + C03b, as the brief's 1.3s")
        #expect(report.timeToEvidence.first { $0.control == "C06" }?.status == "partial")
        #expect(report.totals.manualMinutes == 10 + 30 + 60 + 45 + 30)
        #expect(report.totals.automationPercent == (10 + 30 + 60 + 30) * 100 / 175)
        #expect(report.totals.manualIsEstimate, "the manual baseline is the catalog's estimate")
    }

    @Test func backlogHasOneItemPerGapAndFailingRule() {
        let backlog = ReportFixture.report().backlog
        #expect(
            backlog.map(\.rule) == [
                "C03.cluster-admin-binding", "C01.namespace-without-networkpolicy", "C06.no-secret-store",
                "C06.not_installed", "C03.default-serviceaccount-bound",
            ]
        )
        #expect(backlog.map(\.id) == ["AP-001", "AP-002", "AP-003", "AP-004", "AP-005"])
        let admin = backlog[0]
        #expect(admin.owner == "security-team" && admin.priority == "P1" && admin.due == "2026-03-26")
        #expect(backlog.filter { $0.control == "C06" }.allSatisfy { $0.due == "2026-04-15" }, "fixed due dates win")
    }

    @Test func frameworkViewGroupsByRequirement() {
        let view = ReportFixture.report(framework: "iso27001").frameworkView
        #expect(view.first { $0.requirement == "A.8.24" }?.controls == ["C02", "C06", "C10"])
        #expect(
            view.map(\.requirement)
                == view.map(\.requirement).sorted { $0.compare($1, options: .numeric) == .orderedAscending }
        )
    }

    @Test func csvNeutralisesSpreadsheetFormulas() {
        #expect(BacklogCSV.quote("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(BacklogCSV.quote("plain") == "plain")
        #expect(BacklogCSV.quote("a,b") == "\"a,b\"")
    }
}
