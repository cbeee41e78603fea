import AuditPackCore
import Evaluation
import Foundation
import Packaging
import Reports

/// `auditpack diff OLD NEW`: both packages verified, then verdicts, findings and evidence compared.
public enum DiffWorkflow {
    /// Throws `SeriesError.notVerified` (exit 2) when either package is unreadable or does not verify.
    public static func run(old: URL, new: URL, trust: PackageVerifier.Trust = .none) throws -> PackageDiff {
        let catalog = try Catalog.builtIn()
        let before = try VerifiedPackage.open(old, trust: trust)
        let after = try VerifiedPackage.open(new, trust: trust)
        let oldFindings = try before.findings()
        let newFindings = try after.findings()
        return PackageDiff(
            old: before.summary,
            new: after.summary,
            verdicts: verdictChanges(oldFindings, newFindings, catalog: catalog),
            findings: findingChanges(oldFindings, newFindings),
            evidence: evidenceChanges(before, after, catalog: catalog),
            warnings: warnings(before, after),
            notes: notes(before, after)
        )
    }

    static func verdictChanges(
        _ old: FindingsDocument,
        _ new: FindingsDocument,
        catalog: Catalog
    ) -> [PackageDiff.VerdictChange] {
        let before = Dictionary(old.controls.map { ($0.id, $0.verdict) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(new.controls.map { ($0.id, $0.verdict) }, uniquingKeysWith: { first, _ in first })
        let ids =
            catalog.controls.map(\.id)
            + Set(before.keys).union(after.keys).subtracting(catalog.controls.map(\.id)).sorted()
        return ids.compactMap { id in
            guard before[id] != nil || after[id] != nil, before[id] != after[id] else { return nil }
            return PackageDiff.VerdictChange(control: id, old: before[id], new: after[id])
        }
    }

    /// Matched by control, rule and object; a rule that names one object twice matches as many times.
    static func findingChanges(_ old: FindingsDocument, _ new: FindingsDocument) -> PackageDiff.FindingChanges {
        func flatten(_ document: FindingsDocument) -> [PackageDiff.ControlFinding] {
            document.controls.flatMap { result in
                result.findings.map { PackageDiff.ControlFinding(control: result.id, finding: $0) }
            }
        }
        let before = flatten(old)
        // Indices into `before` not matched yet, by key, in OLD's order.
        var unmatched = Dictionary(grouping: before.indices, by: { before[$0].key })
        var changes = PackageDiff.FindingChanges(new: [], resolved: [], persisting: [])
        for finding in flatten(new) {
            if let candidates = unmatched[finding.key], !candidates.isEmpty {
                unmatched[finding.key] = Array(candidates.dropFirst())
                changes.persisting.append(finding)
            } else {
                changes.new.append(finding)
            }
        }
        changes.resolved = unmatched.values.flatMap { $0 }.sorted().map { before[$0] }
        return changes
    }

    static func evidenceChanges(
        _ old: VerifiedPackage,
        _ new: VerifiedPackage,
        catalog: Catalog
    ) -> [PackageDiff.EvidenceChange] {
        let oldEntries = Dictionary(old.manifest.controls.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let newEntries = Dictionary(new.manifest.controls.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return catalog.controls.flatMap(\.evidence).compactMap { item in
            guard oldEntries[item.id] != nil || newEntries[item.id] != nil else { return nil }
            return EvidenceComparison.compare(
                item: item,
                old: (oldEntries[item.id], old.evidence, old.isList(item.id)),
                new: (newEntries[item.id], new.evidence, new.isList(item.id))
            )
        }
    }

    static func warnings(_ old: VerifiedPackage, _ new: VerifiedPackage) -> [String] {
        let before = old.summary
        let after = new.summary
        guard before.clusterKey != after.clusterKey else { return [] }
        return [
            "the packages come from different clusters (OLD \(before.clusterKey), NEW \(after.clusterKey)): "
                + "every object may differ for that reason alone"
        ]
    }

    static func notes(_ old: VerifiedPackage, _ new: VerifiedPackage) -> [String] {
        var notes: [String] = []
        if new.manifest.previous?.manifestSHA256 == old.manifestSHA256 {
            notes.append("NEW's chain link points at OLD (previous.manifest_sha256 = OLD's manifest.json)")
        } else if let link = new.manifest.previous {
            notes.append(
                "NEW's chain link points at another package (\(link.packageID), manifest "
                    + "\(link.manifestSHA256.prefix(12))…), not at OLD"
            )
        }
        if new.collectedAt < old.collectedAt {
            notes.append("NEW was collected before OLD: the changes read backwards")
        }
        return notes
    }
}
