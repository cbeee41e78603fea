import AuditPackCore
import Evaluation
import Foundation
import KubeEmulator
import Packaging
import Reports
import TestSupport
import Testing
import Workflows

/// collect (signed) → verify → evaluate → report, as a user and an auditor would run them.
@Suite("end to end: signed package, offline evaluation, reports")
struct EndToEndTests {
    @Test func signedPackageVerifiesAndEvaluationIsReperformedOffline() async throws {
        let key = SigningKey()
        let package = try await CollectedPackage.collect(signingKey: key)
        let url = package.result.package

        let verified = try VerifyWorkflow.run(
            packages: [url],
            publicKey: nil,
            trustedFingerprint: key.fingerprint,
            chain: false
        )
        #expect(verified.exitCode == 0)
        #expect(verified.reports.first?.signature.status == .trusted)
        #expect(package.reader.contains("manifest.sig") && package.reader.contains("attestation.intoto.json"))
        #expect(
            package.manifest.artifacts.map(\.file) == [
                "findings.json", "oscal-assessment-plan.json", "oscal-assessment-results.json", "report.html",
            ]
        )

        let outcome = try EvaluateWorkflow.run(package: url)
        #expect(outcome.matchesStored == true, "evaluate at the collection time equals findings.json")
        #expect(outcome.findings == package.result.findings)
        let later = try EvaluateWorkflow.run(package: url, at: Date(timeIntervalSince1970: 4_000_000_000))
        #expect(later.matchesStored == false, "a later --at sees more certificates expired")

        let html = String(decoding: try package.reader.data("report.html"), as: UTF8.self)
        #expect(html.contains("<svg") && html.contains("Time to evidence") && !html.contains("<script"))
    }

    @Test func evaluatingATamperedPackageIsRefused() async throws {
        let package = try await CollectedPackage.collect()
        let bytes = try Data(contentsOf: package.result.package)
        let copy = package.folder.url.appendingPathComponent("truncated.zip")
        try bytes.prefix(bytes.count / 2).write(to: copy)
        let error = #expect(throws: WorkflowError.self) { try EvaluateWorkflow.run(package: copy) }
        #expect(error?.exitCode == 2)
    }

    @Test func chainOfCollectedPackages() async throws {
        let folder = TestFolder()
        let first = try await CollectedPackage.collect(controls: ["C01"], folder: folder)
        let second = try await CollectedPackage.collect(
            controls: ["C01"],
            previous: first.result.package,
            folder: folder
        )
        #expect(second.manifest.previous?.packageID == first.manifest.packageID)
        let outcome = try VerifyWorkflow.run(
            packages: [first.result.package, second.result.package],
            publicKey: nil,
            trustedFingerprint: nil,
            chain: true
        )
        #expect(outcome.links.map(\.ok) == [true])
        #expect(outcome.exitCode == 0)
    }

    @Test func everyReportFormatRenders() async throws {
        let package = try await CollectedPackage.collect()
        let policy = try package.folder.write(
            "policy.yaml",
            """
            default_owner: platform-team
            owners: {C03: security-team}
            due_dates: {C06: 2026-12-15}
            """
        )
        for format in ReportFormat.allCases {
            let text = try ReportWorkflow.run(
                package: package.result.package,
                format: format,
                policyFile: policy,
                framework: format.isOSCAL ? "nist-800-53" : "soc2"
            )
            #expect(!text.isEmpty, "\(format)")
        }
        let csv = try ReportWorkflow.run(
            package: package.result.package,
            format: .csv,
            policyFile: policy,
            framework: nil
        )
        let rows = csv.split(separator: "\r\n")
        #expect(rows.first == "id,control,priority,severity,owner,due,action,objects,rule,source,detectors")
        #expect(rows.contains { $0.contains(",C03,") && $0.contains("security-team") })
        #expect(rows.contains { $0.contains(",C06,") && $0.contains("2026-12-15") })
        let json = try ReportWorkflow.run(
            package: package.result.package,
            format: .json,
            policyFile: nil,
            framework: "pci-dss"
        )
        let report = try JSONDecoder().decode(AuditReport.self, from: Data(json.utf8))
        #expect(report.timeToEvidence.count == 10)
        #expect(report.frameworkView.contains { $0.requirement == "4.2.1" && $0.controls == ["C10"] })
        #expect(report.totals.manualMinutes == 590)
    }
}
