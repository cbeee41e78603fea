import Evaluation
import Foundation

/// One evidence item of one package reduced to what a comparison needs: for a List, each object's key,
/// the digest of its content without volatile fields, and its few auditor facts — sorted by key, never the
/// objects themselves; for a document (text, derived JSON), one digest and, for text, its lines.
enum EvidenceIndex {
    struct Entry {
        var key: ObjectKey
        var digest: ContentDigest
        var facts: [String: String]?
    }

    case objects([Entry])
    case document(digest: ContentDigest, lines: [Substring]?)

    /// Streams the List item `id` from `evidence`, one object at a time.
    static func listing(_ evidence: EvidenceSet, _ id: String) -> EvidenceIndex {
        var entries: [Entry] = []
        evidence.forEachItem(id) { object in
            entries.append(
                Entry(
                    key: ObjectKey(object),
                    digest: VolatileFields.digest(VolatileFields.strip(object)),
                    facts: ObjectFacts.facts(object)
                )
            )
        }
        entries.sort { $0.key < $1.key }
        return .objects(entries)
    }

    /// A document item (small: derived from the lists, or a log): JSON without the item's volatile keys.
    static func whole(_ evidence: EvidenceSet, _ id: String, file: String) -> EvidenceIndex {
        let data = evidence.data(id) ?? Data()
        if file.hasSuffix(".json"), let value = try? JSONSerialization.jsonObject(with: data) {
            let stripped = VolatileFields.dropping(VolatileFields.documentKeys[id] ?? [], from: value)
            return .document(digest: VolatileFields.digest(stripped), lines: nil)
        }
        let text = String(decoding: data, as: UTF8.self)
        return .document(
            digest: VolatileFields.digest(text),
            lines: text.split(separator: "\n", omittingEmptySubsequences: true)
        )
    }
}
