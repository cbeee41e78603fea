import AuditPackCore
import Evaluation
import Foundation
import Reports
import Testing

/// What the reports say: no invented speed-up, covered items are not gaps, multi-line text stays in its row,
/// and secret findings name the detector that fired.
@Suite("reports: wording")
struct ReportWordingTests {
    static let catalog = ReportFixture.catalog

    /// The fixture with C04 collected: C04b (trivy-operator reports) ok, so C04c is not_applicable by design.
    static func withCoveredTrivyScan(_ c04b: ItemStatus = .ok) -> AuditReport {
        var manifest = ReportFixture.manifest
        func entry(_ id: String, _ status: ItemStatus, _ note: String?) -> Manifest.Entry {
            let item = catalog.controls.flatMap(\.evidence).first { $0.id == id }!
            return Manifest.Entry(
                id: id,
                control: "C04",
                description: item.description,
                file: item.file,
                collectedAt: "2026-03-19T10:00:00Z",
                elapsedMilliseconds: 20,
                sha256: String(repeating: "0", count: 64),
                size: 10,
                status: status,
                command: "kubectl get …",
                note: note
            )
        }
        manifest.controls += [
            entry("C04", .ok, nil),
            entry("C04b", c04b, c04b == .ok ? nil : "vulnerabilityreports.aquasecurity.github.io is not served"),
            entry(
                "C04c",
                .notApplicable,
                c04b == .ok
                    ? "trivy-operator is installed; its VulnerabilityReports are evidence C04b."
                    : "trivy-operator is not installed and no trivy was found on PATH"
            ),
        ]
        manifest.run.selectedControls.append("C04")
        return AuditReport(
            manifest: manifest,
            findings: ReportFixture.findings,
            catalog: catalog,
            policy: ReportFixture.policy
        )
    }

    @Test func noSpeedUpIsPrintedAgainstAnEstimatedBaseline() throws {
        let report = ReportFixture.report()
        for format in [ReportFormat.text, .markdown, .html] {
            let text = try format.render(report)
            #expect(!text.contains("× faster") && !text.contains("×</b>"), "\(format)")
            #expect(text.contains("(estimate)"), "\(format) says the manual side is an estimate")
        }
        #expect(try ReportFormat.text.render(report).contains("manual baseline ~2.9 h (estimate) vs automated 950ms"))
    }

    @Test func anItemCoveredByAnotherIsNotAGap() throws {
        let report = Self.withCoveredTrivyScan()
        #expect(!report.gaps.contains { $0.item == "C04c" })
        #expect(report.covered.map(\.item) == ["C04c"] && report.covered.map(\.coveredBy) == ["C04b"])
        #expect(!report.backlog.contains { $0.rule.hasPrefix("C04c") })
        #expect(report.timeToEvidence.first { $0.control == "C04" }?.status == "automated")
        for format in [ReportFormat.text, .markdown, .html] {
            let text = try format.render(report)
            #expect(!text.contains("Attach this evidence by hand"), "\(format)")
            #expect(text.contains("C04b carries its evidence"), "\(format)")
        }
    }

    @Test func withoutTheCoveringItemItIsStillAGap() {
        let report = Self.withCoveredTrivyScan(.notInstalled)
        #expect(report.gaps.contains { $0.item == "C04c" })
        #expect(report.covered.isEmpty)
        #expect(report.timeToEvidence.first { $0.control == "C04" }?.status == "partial")
    }

    /// kube-bench's remediation text spans lines; every row stays one row.
    @Test func multiLineTextIsFoldedIntoItsRow() throws {
        var findings = ReportFixture.findings
        findings.controls.append(
            ControlResult(
                id: "C08",
                findings: [
                    Finding(
                        rule: "C08.kube-bench-fail",
                        severity: .high,
                        object: ObjectRef(kind: "KubeBenchCheck", name: "4.2.1"),
                        message: "4.2.1 Ensure that the --anonymous-auth argument is set to false Remediation: "
                            + "If using a Kubelet config file, edit the file to set\n  `authentication: anonymous: "
                            + "enabled` to\r\n`false`.\n\tIf using executable arguments, edit the kubelet service file"
                    )
                ]
            )
        )
        let report = AuditReport(
            manifest: ReportFixture.manifest,
            findings: findings,
            catalog: Self.catalog,
            policy: ReportFixture.policy
        )
        let item = try #require(report.backlog.first { $0.rule == "C08.kube-bench-fail" })
        let text = try ReportFormat.text.render(report)
        let row = try #require(text.split(separator: "\n").first { $0.hasPrefix(item.id) })
        #expect(
            row.contains("edit the file to set `authentication: anonymous: enabled` to `false`. If using executable")
        )
        let markdown = try ReportFormat.markdown.render(report)
        let cells = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| \(item.id) |") })
        #expect(cells.hasSuffix(" |") && cells.contains("the kubelet service file"), "the whole row on one line")
        let csv = try ReportFormat.csv.render(report)
        #expect(!csv.contains("\n  ") && !csv.contains("\t"))
        let csvRow = try #require(csv.components(separatedBy: "\r\n").first { $0.hasPrefix(item.id + ",") })
        #expect(csvRow.contains("set `authentication: anonymous: enabled` to `false`. If using"))
        #expect(csv.components(separatedBy: "\r\n").count == report.backlog.count + 2, "header, rows, final empty")
    }

    @Test func secretFindingsNameTheirDetectorInEveryFormat() throws {
        var findings = ReportFixture.findings
        let secrets: [Finding] = [
            Finding(
                rule: "C06.literal-secret-env",
                severity: .high,
                object: ObjectRef(kind: "Deployment", namespace: "shop", name: "api"),
                message: "A secret value sits in plain text at env[DB_PASSWORD].",
                detector: "name:PASSWORD"
            ),
            Finding(
                rule: "C06.literal-secret-env",
                severity: .high,
                object: ObjectRef(kind: "Deployment", namespace: "shop", name: "signer"),
                message: "A secret value sits in plain text at env[SIGNING_KEY].",
                detector: "value:private-key"
            ),
        ]
        let index = try #require(findings.controls.firstIndex { $0.id == "C06" })
        findings.controls[index] = ControlResult(id: "C06", findings: findings.controls[index].findings + secrets)
        let report = AuditReport(
            manifest: ReportFixture.manifest,
            findings: findings,
            catalog: Self.catalog,
            policy: ReportFixture.policy
        )
        let item = try #require(report.backlog.first { $0.rule == "C06.literal-secret-env" })
        #expect(item.detectors == ["name:PASSWORD", "value:private-key"])
        #expect(item.objects == ["Deployment shop/api (name:PASSWORD)", "Deployment shop/signer (value:private-key)"])
        for format in [ReportFormat.text, .markdown, .html, .csv] {
            let text = try format.render(report)
            let row = try #require(
                text.split(whereSeparator: \.isNewline).first { $0.contains(item.id) },
                "\(format) has the backlog row"
            )
            #expect(row.contains("name:PASSWORD") && row.contains("value:private-key"), "\(format): \(row)")
        }
    }

    @Test func rulesDisabledByPolicyAreShownWithTheirReason() throws {
        var findings = ReportFixture.findings
        let index = try #require(findings.controls.firstIndex { $0.id == "C01" })
        var c01 = ControlResult(id: "C01", findings: [])
        c01.disabledRules = [
            DisabledRule(rule: "C01.namespace-without-networkpolicy", reason: "legacy is being retired", findings: 1)
        ]
        findings.controls[index] = c01
        let report = AuditReport(
            manifest: ReportFixture.manifest,
            findings: findings,
            catalog: Self.catalog,
            policy: ReportFixture.policy
        )
        #expect(!report.backlog.contains { $0.rule == "C01.namespace-without-networkpolicy" })
        #expect(report.disabledRules.map(\.rule) == ["C01.namespace-without-networkpolicy"])
        for format in [ReportFormat.text, .markdown, .html] {
            let text = try format.render(report)
            #expect(text.contains("C01.namespace-without-networkpolicy") && text.contains("legacy is being retired"))
        }
    }
}
