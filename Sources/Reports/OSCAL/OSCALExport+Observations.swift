import AuditPackCore
import Evaluation
import Foundation

/// One observation per evidence item (pointing at the file and its hash); one risk per AuditPack finding and per
/// evidence gap.
extension OSCALExport {
    func observationUUID(_ entry: Manifest.Entry) -> String {
        uuid("observation/\(entry.id)")
    }

    var observations: [OSCAL.Observation] {
        manifest.controls.map { entry in
            OSCAL.Observation(
                uuid: observationUUID(entry),
                title: "\(entry.id): \(entry.description)",
                description: "Evidence item \(entry.id) of control \(entry.control), read through the Kubernetes API "
                    + "and stored as \(entry.file) (status \(entry.status.rawValue)).",
                props: OSCAL.props(
                    [
                        .auditPack("evidence-id", entry.id),
                        .auditPack("control", entry.control),
                        .auditPack("evidence-status", entry.status.rawValue),
                    ] + (entry.derivedFrom ?? []).map { OSCAL.Property.auditPack("derived-from", $0) }
                ),
                methods: ["TEST"],
                origins: origins,
                subjects: [clusterSubject],
                relevantEvidence: [
                    OSCAL.RelevantEvidence(
                        href: entry.file,
                        description: "\(entry.description): the entry \(entry.file) of the evidence package "
                            + "(path relative to the package root), with the SHA-256 manifest.json lists for it.",
                        props: OSCAL.props([
                            .auditPack("sha256", entry.sha256),
                            .auditPack("size", String(entry.size)),
                            .auditPack("item-count", entry.itemCount.map(String.init)),
                            .auditPack("kubectl-command", entry.command),
                            .auditPack("evidence-status", entry.status.rawValue),
                        ])
                    )
                ],
                collected: entry.collectedAt,
                remarks: entry.note
            )
        }
    }

    /// Risks with the observations and controls they belong to.
    func risks() -> (risks: [OSCAL.Risk], byControl: [String: [String]]) {
        var risks: [OSCAL.Risk] = []
        var byControl: [String: [String]] = [:]
        let entries = Dictionary(grouping: manifest.controls, by: \.control)
        func related(_ control: String) -> [OSCAL.RelatedObservation]? {
            let list = (entries[control] ?? []).map { OSCAL.RelatedObservation(observationUuid: observationUUID($0)) }
            return list.isEmpty ? nil : list
        }
        for entry in manifest.controls where [.error, .forbidden, .notInstalled].contains(entry.status) {
            let risk = gapRisk(entry)
            risks.append(risk)
            byControl[entry.control, default: []].append(risk.uuid)
        }
        for result in findings.controls {
            let control = catalog.control(result.id)
            for (index, finding) in result.findings.enumerated() {
                let object =
                    "\(finding.object.kind) \(finding.object.namespace.map { "\($0)/" } ?? "")\(finding.object.name)"
                let risk = OSCAL.Risk(
                    uuid: uuid("risk/\(result.id)/\(index)"),
                    title: "\(finding.rule): \(object)",
                    description: finding.message,
                    statement: "\(result.id) \(control?.title ?? ""): \(control?.objective ?? "") "
                        + "Not met for \(object) (rule \(finding.rule), severity \(finding.severity.rawValue)).",
                    props: OSCAL.props([
                        .auditPack("control", result.id),
                        .auditPack("rule", finding.rule),
                        .auditPack("severity", finding.severity.rawValue),
                        .auditPack("object-kind", finding.object.kind),
                        .auditPack("object-namespace", finding.object.namespace),
                        .auditPack("object-name", finding.object.name),
                    ]),
                    status: "open",
                    origins: origins,
                    characterizations: [
                        OSCAL.Characterization(
                            origin: origins[0],
                            facets: [
                                OSCAL.Facet(
                                    name: "severity",
                                    system: OSCAL.nistNamespace,
                                    value: finding.severity.rawValue
                                )
                            ]
                        )
                    ],
                    remediations: control.map { control in
                        [
                            OSCAL.Response(
                                uuid: uuid("remediation/\(result.id)/\(index)"),
                                lifecycle: "recommendation",
                                title: "Remediate \(finding.rule)",
                                description: control.remediation
                            )
                        ]
                    },
                    relatedObservations: related(result.id)
                )
                risks.append(risk)
                byControl[result.id, default: []].append(risk.uuid)
            }
        }
        return (risks, byControl)
    }

    /// An item that could not be collected: the control cannot be fully assessed until it is.
    func gapRisk(_ entry: Manifest.Entry) -> OSCAL.Risk {
        OSCAL.Risk(
            uuid: uuid("risk/gap/\(entry.id)"),
            title: "Evidence \(entry.id) not collected (\(entry.status.rawValue))",
            description: entry.note ?? "\(entry.description) was not collected.",
            statement: "Control \(entry.control) cannot be fully assessed without \(entry.description) "
                + "(\(entry.file)).",
            props: OSCAL.props([
                .auditPack("control", entry.control),
                .auditPack("evidence-id", entry.id),
                .auditPack("evidence-status", entry.status.rawValue),
                .auditPack("severity", "gap"),
            ]),
            status: "open",
            origins: origins,
            characterizations: nil,
            remediations: [
                OSCAL.Response(
                    uuid: uuid("remediation/gap/\(entry.id)"),
                    lifecycle: "recommendation",
                    title: "Collect \(entry.id) automatically",
                    description: AuditReport.fix(entry, catalog: catalog)
                )
            ],
            relatedObservations: [OSCAL.RelatedObservation(observationUuid: observationUUID(entry))]
        )
    }
}
