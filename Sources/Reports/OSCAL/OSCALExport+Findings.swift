import AuditPackCore
import Evaluation
import Foundation

/// One finding per control: AuditPack's controls by default, NIST SP 800-53 controls with `--framework nist-800-53`.
extension OSCALExport {
    /// A control the documents name: its OSCAL control id, the AuditPack controls that assess it.
    struct Target {
        var controlID: String
        var title: String
        var objective: String
        var auditPackControls: [Catalog.Control]
        /// `objective-id` (AuditPack's own objectives, defined in the plan) or `statement-id` (800-53 statements).
        var targetType: String
        var targetID: String
        /// The id of the objective part the plan defines for it.
        var objectiveID: String
    }

    /// The controls assessed in this package, in catalog order (800-53: by family, number and enhancement).
    var targets: [Target] {
        let assessed = Set(findings.controls.map(\.id))
        let controls = catalog.controls.filter { assessed.contains($0.id) }
        guard framework?.isNIST80053 == true else {
            return controls.map { control in
                Target(
                    controlID: control.id,
                    title: "\(control.id) \(control.title)",
                    objective: control.objective,
                    auditPackControls: [control],
                    targetType: "objective-id",
                    targetID: "\(control.id)_obj",
                    objectiveID: "\(control.id)_obj"
                )
            }
        }
        var byNIST: [String: [Catalog.Control]] = [:]
        for control in controls {
            for nist in control.frameworks[Framework.nist80053ID] ?? [] { byNIST[nist, default: []].append(control) }
        }
        return byNIST.keys.sorted { Self.nistOrder($0) < Self.nistOrder($1) }.map { nist in
            let mapped = byNIST[nist] ?? []
            let id = Self.oscalControlID(nist)
            return Target(
                controlID: id,
                title: "\(nist) (NIST SP 800-53 Rev. 5)",
                objective: "Assessed by "
                    + mapped.map { "\($0.id) \($0.title): \($0.objective)" }.joined(separator: " "),
                auditPackControls: mapped,
                targetType: "statement-id",
                targetID: "\(id)_smt",
                objectiveID: "\(id)_obj"
            )
        }
    }

    /// `SC-7(5)` → `sc-7.5`, the id NIST's OSCAL catalog gives the control.
    public static func oscalControlID(_ nist: String) -> String {
        nist.lowercased().replacingOccurrences(of: "(", with: ".").replacingOccurrences(of: ")", with: "")
    }

    /// Family, control number, enhancement number.
    static func nistOrder(_ nist: String) -> String {
        let digits = nist.split(whereSeparator: { !$0.isNumber }).map {
            String(repeating: "0", count: 4 - $0.count) + $0
        }
        return String(nist.prefix(2)) + digits.joined(separator: ".")
    }

    var reviewedControls: OSCAL.ReviewedControls {
        OSCAL.ReviewedControls(
            description: framework?.isNIST80053 == true
                ? "The NIST SP 800-53 Rev. 5 controls that the assessed AuditPack controls map to (catalog.yaml)."
                : "The AuditPack controls assessed in this package (auditpack controls).",
            controlSelections: [
                OSCAL.ControlSelection(
                    description: nil,
                    includeControls: targets.map { OSCAL.SelectControl(controlId: $0.controlID) }
                )
            ]
        )
    }

    /// How a verdict reads in OSCAL: `satisfied` only for pass. warn and fail are `not-satisfied` with reason
    /// `fail` (the objective is not fully met; the risks carry the severities); not_assessed is `not-satisfied`
    /// with reason `other` (nothing shows the objective met; remarks say what evidence was missing).
    static func status(_ verdicts: [Verdict]) -> (state: String, reason: String) {
        if verdicts.allSatisfy({ $0 == .pass }) { return ("satisfied", "pass") }
        if verdicts.contains(where: { $0 == .fail || $0 == .warn }) { return ("not-satisfied", "fail") }
        return ("not-satisfied", "other")
    }

    func oscalFindings(observations: [String: [String]], risks: [String: [String]]) -> [OSCAL.Finding] {
        let results = Dictionary(uniqueKeysWithValues: findings.controls.map { ($0.id, $0) })
        return targets.map { target in
            let mapped = target.auditPackControls.compactMap { results[$0.id] }
            let (state, reason) = Self.status(mapped.map(\.verdict))
            let unassessed = mapped.compactMap { result in result.reason.map { "\(result.id) not assessed: \($0)" } }
            let observationIDs = target.auditPackControls.flatMap { observations[$0.id] ?? [] }
            let riskIDs = target.auditPackControls.flatMap { risks[$0.id] ?? [] }
            let verdictText = mapped.map { "\($0.id) \($0.verdict.rawValue)" }.joined(separator: ", ")
            return OSCAL.Finding(
                uuid: uuid("finding/\(target.controlID)"),
                title: "\(target.title): \(state)",
                description: "\(target.objective) AuditPack verdict: \(verdictText).",
                props: OSCAL.props(
                    mapped.map { OSCAL.Property.auditPack("verdict", "\($0.id) \($0.verdict.rawValue)") }
                        + [.auditPack("finding-count", String(mapped.reduce(0) { $0 + $1.findings.count }))]
                ),
                origins: origins,
                target: OSCAL.Target(
                    type: target.targetType,
                    targetId: target.targetID,
                    title: target.title,
                    status: OSCAL.ObjectiveStatus(
                        state: state,
                        reason: reason,
                        remarks: unassessed.isEmpty ? nil : unassessed.joined(separator: " ")
                    )
                ),
                relatedObservations: observationIDs.isEmpty ? nil : observationIDs.map { .init(observationUuid: $0) },
                relatedRisks: riskIDs.isEmpty ? nil : riskIDs.map { .init(riskUuid: $0) },
                remarks: unassessed.isEmpty ? nil : unassessed.joined(separator: " ")
            )
        }
    }
}
