import AuditPackCore
import Foundation

/// The assessment results: one result for the package, with its observations, risks and findings. The risks are
/// a placeholder here; `assessmentResults()` writes them in its place one by one.
extension OSCALExport {
    func results(planData: Data) -> OSCAL.AssessmentResults {
        let observations = observations
        let observationsByControl = Dictionary(grouping: manifest.controls, by: \.control)
            .mapValues { $0.map(observationUUID) }
        let selected = findings.controls.map(\.id)
        let result = OSCAL.Result(
            uuid: uuid("result"),
            title: "Kubernetes evidence package \(manifest.packageID)",
            description: "AuditPack collected \(manifest.controls.count) evidence items for "
                + "\(selected.count) controls (\(selected.joined(separator: ", "))) from \(clusterDescription) "
                + "It evaluated them at \(findings.evaluatedAt). Each observation's relevant evidence names a file "
                + "of the package and the SHA-256 manifest.json lists for it.",
            props: OSCAL.props([.auditPack("package-id", manifest.packageID)]),
            start: manifest.run.startedAt,
            end: manifest.run.finishedAt,
            localDefinitions: OSCAL.ResultLocalDefinitions(
                components: [clusterComponent],
                inventoryItems: [clusterInventoryItem],
                assessmentAssets: assessmentAssets
            ),
            reviewedControls: reviewedControls,
            observations: observations.isEmpty ? nil : observations,
            risks: hasRisks ? [Self.riskPlaceholder] : nil,
            findings: oscalFindings(observations: observationsByControl, risks: riskUUIDsByControl),
            remarks: nil
        )
        return OSCAL.AssessmentResults(
            uuid: uuid("assessment-results"),
            metadata: metadata(title: "AuditPack assessment results for Kubernetes cluster \(clusterName)"),
            importAp: OSCAL.Import(href: "#\(uuid("resource/assessment-plan"))"),
            results: [result],
            backMatter: backMatter(planData: planData)
        )
    }
}
