import AuditPackCore
import Foundation

/// The assessment plan the results import: the controls, their objectives and method, the subject and the tool.
extension OSCALExport {
    func plan() -> OSCAL.AssessmentPlan {
        let items = Dictionary(grouping: manifest.controls, by: \.control)
        return OSCAL.AssessmentPlan(
            uuid: uuid("assessment-plan"),
            metadata: metadata(title: "AuditPack assessment plan for Kubernetes cluster \(clusterName)"),
            importSsp: OSCAL.Import(href: "#\(uuid("resource/system"))"),
            localDefinitions: OSCAL.PlanLocalDefinitions(
                components: [clusterComponent],
                inventoryItems: [clusterInventoryItem],
                objectivesAndMethods: targets.map { target in
                    let evidence = target.auditPackControls.flatMap { items[$0.id] ?? [] }
                        .map { "\($0.id) \($0.description) (\($0.file))" }
                    return OSCAL.LocalObjective(
                        controlId: target.controlID,
                        description: target.title,
                        parts: [
                            OSCAL.Part(
                                id: target.objectiveID,
                                name: "assessment-objective",
                                title: nil,
                                props: [OSCAL.Property(name: "method-id", value: "\(target.controlID)_asm", ns: nil)],
                                prose: target.objective,
                                parts: nil
                            ),
                            OSCAL.Part(
                                id: "\(target.controlID)_asm",
                                name: "assessment-method",
                                title: "Automated test",
                                props: [OSCAL.Property(name: "method", value: "TEST", ns: nil)],
                                prose: "AuditPack reads the assessment objects through the Kubernetes API, read-only, "
                                    + "stores each response as received with its SHA-256, and evaluates the control "
                                    + "from the stored evidence alone.",
                                parts: [
                                    OSCAL.Part(
                                        id: nil,
                                        name: "assessment-objects",
                                        title: nil,
                                        props: nil,
                                        prose: evidence.joined(separator: "; ") + ".",
                                        parts: nil
                                    )
                                ]
                            ),
                        ]
                    )
                }
            ),
            reviewedControls: reviewedControls,
            assessmentSubjects: [
                OSCAL.AssessmentSubject(
                    type: "component",
                    description: "The Kubernetes cluster, through its API server.",
                    includeSubjects: [OSCAL.SelectSubject(subjectUuid: uuid("component/cluster"), type: "component")]
                )
            ],
            assessmentAssets: assessmentAssets,
            backMatter: OSCAL.BackMatter(resources: [
                OSCAL.Resource(
                    uuid: uuid("resource/system"),
                    title: "System under assessment",
                    description: "AuditPack imports no OSCAL system security plan: the system under assessment is the "
                        + "Kubernetes cluster defined in local-definitions (\(clusterDescription)) Point import-ssp at "
                        + "your SSP to tie this plan into an authorization package.",
                    props: nil,
                    rlinks: manifest.cluster.server.isEmpty
                        ? nil : [OSCAL.ResourceLink(href: manifest.cluster.server, mediaType: nil, hashes: nil)],
                    base64: nil,
                    remarks: nil
                )
            ])
        )
    }
}
