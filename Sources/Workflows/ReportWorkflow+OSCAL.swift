import AuditPackCore
import Foundation
import Packaging
import Reports

extension ReportWorkflow {
    /// The OSCAL assessment results (or plan) of a verified package. Exported from the file, the document names
    /// the package's SHA-256 and those of manifest.json and the signature files, read from the verified bytes.
    static func oscal(
        _ outcome: EvaluateWorkflow.Outcome,
        package: URL,
        format: ReportFormat,
        catalog: Catalog,
        framework: Framework?
    ) throws -> String {
        let reader = outcome.reader
        let members = try (["manifest.json"] + OSCALExport.signatureFileNames).filter(reader.contains).map {
            (name: $0, sha256: try reader.digest($0).sha256)
        }
        let export = try OSCALExport(
            manifest: outcome.manifest,
            findings: outcome.findings,
            catalog: catalog,
            framework: framework,
            packageFile: OSCALExport.PackageFile(
                name: package.lastPathComponent,
                sha256: try reader.packageSHA256(),
                members: members
            )
        )
        let data = format == .oscalPlan ? try export.assessmentPlan() : try export.assessmentResults()
        return String(decoding: data, as: UTF8.self)
    }

}
