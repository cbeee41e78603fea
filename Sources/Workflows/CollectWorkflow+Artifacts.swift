import AuditPackCore
import Evaluation
import Foundation
import Reports

extension CollectWorkflow {
    /// The files a package carries beside its evidence, in name order: findings.json, the OSCAL assessment plan
    /// and results, report.html. The OSCAL results list every other file with its SHA-256 (the manifest and the
    /// signatures cover the results, so those cannot be named inside: see OSCALExport).
    static func artifacts(
        manifest: Manifest,
        findings: FindingsDocument,
        report: AuditReport,
        catalog: Catalog,
        signed: Bool
    ) throws -> [(name: String, kind: String, data: Data)] {
        let findingsData = try findings.encoded()
        let reportData = Data(HTMLReport.render(report).utf8)
        var described = manifest
        described.artifacts = [("findings.json", "findings", findingsData), ("report.html", "report", reportData)].map {
            Manifest.Artifact(file: $0.0, sha256: Hashing.sha256Hex($0.2), size: $0.2.count, kind: $0.1)
        }
        let oscal = try OSCALExport(manifest: described, findings: findings, catalog: catalog, signed: signed)
        return [
            (name: "findings.json", kind: "findings", data: findingsData),
            (name: OSCALExport.planFileName, kind: "oscal-assessment-plan", data: try oscal.assessmentPlan()),
            (name: OSCALExport.resultsFileName, kind: "oscal-assessment-results", data: try oscal.assessmentResults()),
            (name: "report.html", kind: "report", data: reportData),
        ]
    }
}
