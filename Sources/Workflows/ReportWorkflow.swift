import AuditPackCore
import Evaluation
import Foundation
import Packaging
import Reports

/// `auditpack report`: time-to-evidence, gaps, backlog and framework view, in one format.
public enum ReportWorkflow {
    public static func run(
        package: URL,
        format: ReportFormat,
        policyFile: String?,
        framework: String?,
        trust: PackageVerifier.Trust = .none
    ) throws -> String {
        let catalog = try Catalog.builtIn()
        let framework = try framework.map { try catalog.framework(named: $0) }
        let policy = try BacklogPolicy.load(path: policyFile, catalog: catalog)
        let outcome = try EvaluateWorkflow.run(package: package, policyFile: policyFile, trust: trust)
        if format.isOSCAL {
            return try oscal(outcome, package: package, format: format, catalog: catalog, framework: framework)
        }
        var report = AuditReport(
            manifest: outcome.manifest,
            findings: outcome.findings,
            catalog: catalog,
            policy: policy,
            framework: framework
        )
        // Only the HTML report shows effective permissions (the other formats stay a summary of findings).
        if format == .html { report.permissions = AuditReport.permissions(outcome.evidence, catalog: catalog) }
        return try format.render(report)
    }
}
