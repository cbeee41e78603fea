import AuditPackCore
import Foundation
import KubeAPI

/// Evidence that is one LIST, stored as received (redacted): `kubectl get … -o json`.
enum ListEvidence {
    static func collect(_ context: ItemContext) async throws -> ItemOutcome {
        let source = context.item.source
        let key = ListKey(
            group: source.group ?? "",
            resource: source.resource ?? "",
            versions: source.versions ?? [],
            namespace: source.namespace,
            labelSelector: source.labelSelector
        )
        let list = try await context.fetch(key).get()
        // The cached list is the evidence byte for byte: link it (copy where links are not possible) and
        // reuse the hash taken while it was written.
        do {
            try FileManager.default.linkItem(at: list.file, to: context.file)
        } catch {
            try FileManager.default.copyItem(at: list.file, to: context.file)
        }
        return ItemOutcome(
            status: .ok,
            command: list.command,
            requests: [ItemOutcome.request(list.summary)],
            itemCount: list.summary.items,
            digest: list.digest
        )
    }
}

/// Every resource type of one API group in one List (Gatekeeper makes one CRD per constraint kind).
enum GroupListEvidence {
    static func collect(_ context: ItemContext) async throws -> ItemOutcome {
        let group = context.item.source.group ?? ""
        let command = "kubectl get constraints -o json  # every kind in \(group)"
        guard let served = try await context.client.apiGroups()[group] else {
            return .failed(
                .notInstalled,
                note: "API group \(group) is not served (its CRDs are not installed).",
                command: command
            )
        }
        let resources = try await context.client.resourceList(group: group, version: served.preferred)
            .filter { $0.verbs.contains("list") }.sorted { $0.name < $1.name }
        var writer = try ListFileWriter(url: context.file)
        try writer.begin(apiVersion: "v1", kind: "List", resourceVersion: "")
        var requests: [Manifest.RequestRecord] = []
        var failures: [String] = []
        var statuses: Set<ItemStatus> = []
        for resource in resources {
            switch await context.lists.fetch(
                ListKey(group: group, resource: resource.name, versions: [resource.version])
            ) {
            case .fetched(let file, let summary, _, _, _):
                requests.append(ItemOutcome.request(summary))
                for item in ListFileReader(url: file) { try writer.append(object: item) }
            case .failed(let status, let note, _):
                failures.append(note)
                statuses.insert(status)
            }
        }
        let written = try writer.finish()
        let names = resources.map(\.qualifiedName).joined(separator: ",")
        return ItemOutcome(
            status: failures.isEmpty ? .ok : statuses.contains(.forbidden) ? .forbidden : .error,
            command: resources.isEmpty ? command : "kubectl get \(names) -o json",
            requests: requests,
            itemCount: written.items,
            note: failures.isEmpty ? nil : failures.joined(separator: " "),
            digest: FileDigest(sha256: written.sha256, size: written.bytes)
        )
    }
}
