import AuditPackCore
import Evaluation
import Foundation

/// One risk per evidence gap and per AuditPack finding. A large cluster has tens of thousands of findings, so risks
/// are made one at a time while the document is written (`eachRisk`), never held as a list.
extension OSCALExport {
    /// Evidence states that leave a gap (not_applicable is expected: its note names the evidence to attach).
    static let gapStatuses: Set<ItemStatus> = [.error, .forbidden, .notInstalled]

    /// The risks' UUIDs per control, in the order `eachRisk` makes them.
    var riskUUIDsByControl: [String: [String]] {
        var byControl: [String: [String]] = [:]
        for entry in manifest.controls where Self.gapStatuses.contains(entry.status) {
            byControl[entry.control, default: []].append(uuid("risk/gap/\(entry.id)"))
        }
        for result in findings.controls {
            byControl[result.id, default: []] += result.findings.indices.map { uuid("risk/\(result.id)/\($0)") }
        }
        return byControl
    }

    var hasRisks: Bool {
        manifest.controls.contains { Self.gapStatuses.contains($0.status) }
            || findings.controls.contains { !$0.findings.isEmpty }
    }

    /// Makes every risk in document order and hands it to `body`.
    func eachRisk(_ body: (OSCAL.Risk) throws -> Void) rethrows {
        for entry in manifest.controls where Self.gapStatuses.contains(entry.status) {
            try body(gapRisk(entry))
        }
        let entries = Dictionary(grouping: manifest.controls, by: \.control)
        for result in findings.controls {
            let control = catalog.control(result.id)
            let observations = (entries[result.id] ?? []).map {
                OSCAL.RelatedObservation(observationUuid: observationUUID($0))
            }
            for (index, finding) in result.findings.enumerated() {
                try body(
                    risk(
                        finding,
                        index: index,
                        control: result.id,
                        remediation: catalog.rule(finding.rule)?.remediation ?? control?.remediation,
                        observations: observations
                    )
                )
            }
        }
    }

    /// An AuditPack finding: the object, the rule, its severity (a NIST `severity` facet) and the remediation.
    func risk(
        _ finding: Finding,
        index: Int,
        control: String,
        remediation: String?,
        observations: [OSCAL.RelatedObservation]
    ) -> OSCAL.Risk {
        let object = "\(finding.object.kind) \(finding.object.namespace.map { "\($0)/" } ?? "")\(finding.object.name)"
        return OSCAL.Risk(
            uuid: uuid("risk/\(control)/\(index)"),
            title: "\(finding.rule): \(object)",
            description: finding.message,
            statement: "\(control) is not met for \(object).",
            props: OSCAL.props([
                .auditPack("rule", finding.rule),
                .auditPack("object-kind", finding.object.kind),
                .auditPack("object-namespace", finding.object.namespace),
                .auditPack("object-name", finding.object.name),
            ]),
            status: "open",
            origins: nil,
            characterizations: [
                OSCAL.Characterization(
                    origin: toolOrigin,
                    facets: [
                        OSCAL.Facet(name: "severity", system: OSCAL.nistNamespace, value: finding.severity.rawValue)
                    ]
                )
            ],
            remediations: remediation.map { text in
                [
                    OSCAL.Response(
                        uuid: uuid("remediation/\(control)/\(index)"),
                        lifecycle: "recommendation",
                        title: "Remediate \(finding.rule)",
                        description: text
                    )
                ]
            },
            relatedObservations: observations.isEmpty ? nil : observations
        )
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
                .auditPack("evidence-id", entry.id),
                .auditPack("evidence-status", entry.status.rawValue),
            ]),
            status: "open",
            origins: nil,
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

    /// Stands in the document for the risks until `eachRisk` writes them in its place.
    static let riskPlaceholder = OSCAL.Risk(
        uuid: "00000000-0000-4000-8000-000000000000",
        title: "auditpack-risks-placeholder",
        description: "",
        statement: "",
        props: nil,
        status: "open",
        origins: nil,
        characterizations: nil,
        remediations: nil,
        relatedObservations: nil
    )
}
