import AuditPackCore
import Foundation
import KubeAPI

/// The brief's C05 text: one line per namespace, `name<TAB>labels-as-JSON`.
enum PodSecurityEvidence {
    static func text(_ context: ItemContext) async throws -> ItemOutcome {
        let namespaces = try await context.fetch(ListKey(group: "", resource: "namespaces")).get()
        var text = ""
        var count = 0
        for namespace in ListFileReader(url: namespaces.file) {
            let metadata = namespace["metadata"] as? [String: Any] ?? [:]
            let labels = metadata["labels"] as? [String: Any] ?? [:]
            let json = try JSONSerialization.data(
                withJSONObject: labels,
                options: [.sortedKeys, .withoutEscapingSlashes]
            )
            text += "\(metadata["name"] as? String ?? "")\t\(String(decoding: json, as: UTF8.self))\n"
            count += 1
        }
        try Data(text.utf8).write(to: context.file)
        return ItemOutcome(
            status: .ok,
            command:
                "kubectl get namespaces -o jsonpath={range .items[*]}{.metadata.name}{'\\t'}{.metadata.labels}{'\\n'}{end}",
            requests: [ItemOutcome.request(namespaces.summary)],
            itemCount: count
        )
    }
}
