import AuditPackCore
import Foundation
import KubeAPI

/// Everything a collector may use: the client, the shared lists, where to write.
struct ItemContext: Sendable {
    let item: Catalog.EvidenceItem
    let control: Catalog.Control
    /// What the catalog says this item reads (`source_kinds`), with the source's group and resource filled in.
    let reads: [APIRead]
    let file: URL
    let client: KubeClient
    let lists: ListCache
    let redactor: Redactor
    let options: CollectionOptions

    /// The lists this item reads, as the catalog declares them.
    var listKeys: [ListKey] {
        reads.filter { $0.verbs.contains("list") && $0.nonResourceURLs == nil }.map { read in
            ListKey(
                group: read.group ?? "",
                resource: read.resource ?? "",
                versions: read.versions ?? [],
                namespace: read.namespace,
                labelSelector: read.labelSelector
            )
        }
    }

    /// Writes `object` as sorted, indented JSON to this item's file.
    func writeJSON(_ object: Any) throws {
        let data = try JSONSerialization.data(
            withJSONObject: object,
            options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        )
        try (data + Data("\n".utf8)).write(to: file)
    }

    /// A list fetched through the shared cache, or the outcome to report when it failed.
    func fetch(
        _ key: ListKey
    ) async -> Result<(file: URL, summary: ListSummary, command: String, digest: FileDigest), ItemFailure> {
        switch await lists.fetch(key) {
        case .fetched(let file, let summary, _, let command, let digest):
            return .success((file, summary, command, digest))
        case .failed(let status, let note, let command):
            return .failure(ItemFailure(outcome: .failed(status, note: note, command: command)))
        }
    }
}
