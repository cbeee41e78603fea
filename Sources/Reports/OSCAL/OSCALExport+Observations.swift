import AuditPackCore
import Evaluation
import Foundation

/// One observation per evidence item, pointing at the file and its hash.
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
}
