import AuditPackCore
import Evaluation
import Foundation
import Reports

/// Compares one evidence item of two packages: objects added, removed and changed (by kind, namespace and
/// name), or — for a document item — whether the document changed.
enum EvidenceComparison {
    /// Changed lines a text document's detail quotes at most.
    static let quotedLines = 5

    static func compare(
        item: Catalog.EvidenceItem,
        old: (entry: Manifest.Entry?, evidence: EvidenceSet, isList: Bool),
        new: (entry: Manifest.Entry?, evidence: EvidenceSet, isList: Bool)
    ) -> PackageDiff.EvidenceChange? {
        var change = PackageDiff.EvidenceChange(
            item: item.id,
            file: new.entry?.file ?? old.entry?.file ?? item.file,
            oldStatus: old.entry?.status.rawValue,
            newStatus: new.entry?.status.rawValue
        )
        guard old.entry?.status == .ok, new.entry?.status == .ok else { return change.isEmpty ? nil : change }
        if old.isList && new.isList {
            guard case .objects(let before) = EvidenceIndex.listing(old.evidence, item.id),
                case .objects(let after) = EvidenceIndex.listing(new.evidence, item.id)
            else { return nil }
            merge(before, after, into: &change)
        } else {
            let file = change.file
            guard case .document(let before, let oldLines) = EvidenceIndex.whole(old.evidence, item.id, file: file),
                case .document(let after, let newLines) = EvidenceIndex.whole(new.evidence, item.id, file: file),
                before != after
            else { return nil }
            change.changed = [
                PackageDiff.ObjectChange(
                    kind: "File",
                    namespace: nil,
                    name: file,
                    detail: lineChanges(oldLines ?? [], newLines ?? [])
                )
            ]
        }
        return change.isEmpty ? nil : change
    }

    /// Walks two key-sorted entry lists side by side.
    static func merge(
        _ before: [EvidenceIndex.Entry],
        _ after: [EvidenceIndex.Entry],
        into change: inout PackageDiff.EvidenceChange
    ) {
        func object(_ entry: EvidenceIndex.Entry, detail: String?) -> PackageDiff.ObjectChange {
            PackageDiff.ObjectChange(
                kind: entry.key.kind,
                namespace: entry.key.namespace,
                name: entry.key.name,
                detail: detail
            )
        }
        var old = 0
        var new = 0
        while old < before.count || new < after.count {
            if new == after.count || (old < before.count && before[old].key < after[new].key) {
                change.removed.append(object(before[old], detail: ObjectFacts.describe(before[old].facts)))
                old += 1
            } else if old == before.count || after[new].key < before[old].key {
                change.added.append(object(after[new], detail: ObjectFacts.describe(after[new].facts)))
                new += 1
            } else {
                if before[old].digest != after[new].digest {
                    change.changed.append(
                        object(after[new], detail: ObjectFacts.compare(before[old].facts, after[new].facts))
                    )
                }
                old += 1
                new += 1
            }
        }
    }

    /// "−`old line`; +`new line`" for the lines that differ (up to `quotedLines` each way); nil for JSON.
    static func lineChanges(_ old: [Substring], _ new: [Substring]) -> String? {
        guard !old.isEmpty || !new.isEmpty else { return nil }
        var remaining = Dictionary(old.map { ($0, 1) }, uniquingKeysWith: +)
        var added: [Substring] = []
        for line in new {
            if let count = remaining[line], count > 0 {
                remaining[line] = count - 1
            } else {
                added.append(line)
            }
        }
        var removedCounts = remaining
        let removed = old.filter { line in
            guard let count = removedCounts[line], count > 0 else { return false }
            removedCounts[line] = count - 1
            return true
        }
        let quoted =
            removed.prefix(quotedLines).map { "−\($0.trimmingCharacters(in: .whitespaces))" }
            + added.prefix(quotedLines).map { "+\($0.trimmingCharacters(in: .whitespaces))" }
        let more = max(0, removed.count - quotedLines) + max(0, added.count - quotedLines)
        guard !quoted.isEmpty else { return "line order changed" }
        return quoted.joined(separator: "; ") + (more > 0 ? "; … \(more) more line(s)" : "")
    }
}
