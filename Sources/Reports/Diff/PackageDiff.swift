import Evaluation
import Foundation

/// What changed between two packages of one cluster (`auditpack diff OLD NEW`). Its JSON form is stable:
/// every key is always written (`null` or `[]` when empty), and keys are only ever added.
public struct PackageDiff: Sendable, Codable, Equatable {
    public var old: PackageSummary
    public var new: PackageSummary
    /// Controls whose verdict changed, in control order.
    public var verdicts: [VerdictChange]
    public var findings: FindingChanges
    /// Evidence items with added, removed or changed objects (or a changed status), in catalog order.
    public var evidence: [EvidenceChange]
    /// E.g. the packages come from different clusters.
    public var warnings: [String]
    /// E.g. NEW's chain link points at OLD.
    public var notes: [String]

    public init(
        old: PackageSummary,
        new: PackageSummary,
        verdicts: [VerdictChange],
        findings: FindingChanges,
        evidence: [EvidenceChange],
        warnings: [String],
        notes: [String]
    ) {
        self.old = old
        self.new = new
        self.verdicts = verdicts
        self.findings = findings
        self.evidence = evidence
        self.warnings = warnings
        self.notes = notes
    }
}
