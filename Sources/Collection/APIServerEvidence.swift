import AuditPackCore
import Foundation
import KubeAPI

/// kube-apiserver command-line flags, read from its static pods in kube-system. On managed control planes
/// (EKS, GKE, AKS) no such pods are visible: the items are `not_applicable`, never a silent pass.
enum APIServerEvidence {
    /// The apiserver pods, or the not_applicable outcome when there are none.
    static func pods(
        _ context: ItemContext
    ) async throws
        -> (pods: [[String: Any]], request: Manifest.RequestRecord, file: URL, command: String)
    {
        // The catalog says where the apiserver pods are (source_kinds.apiserver-pods: namespace, label).
        guard let key = context.listKeys.first else {
            throw ItemFailure(
                outcome: .failed(.error, note: "the catalog declares no pod list for \(context.item.id)", command: "")
            )
        }
        let list = try await context.fetch(key).get()
        let pods = Array(ListFileReader(url: list.file))
        guard !pods.isEmpty else {
            let note =
                context.control.managedControlPlaneNote
                ?? "No kube-apiserver pods are visible in kube-system (managed control plane)."
            throw ItemFailure(outcome: .failed(.notApplicable, note: note, command: list.command))
        }
        return (pods, ItemOutcome.request(list.summary), list.file, list.command)
    }

    /// The apiserver pods themselves, as `kubectl get pods -l component=kube-apiserver -o json` shows them.
    static func podList(_ context: ItemContext) async throws -> ItemOutcome {
        let (pods, request, file, command) = try await pods(context)
        try FileManager.default.copyItem(at: file, to: context.file)
        return ItemOutcome(status: .ok, command: command, requests: [request], itemCount: pods.count)
    }

    /// The extracted flags named in the catalog, per apiserver pod.
    static func flags(_ context: ItemContext) async throws -> ItemOutcome {
        let (pods, request, _, _) = try await pods(context)
        let wanted = context.item.source.flags ?? []
        let records = pods.map { pod -> [String: Any] in
            let arguments = APIServerFlags.arguments(of: pod)
            var flags: [String: Any] = [:]
            for flag in wanted { flags[flag] = APIServerFlags.value(of: flag, in: arguments) ?? NSNull() }
            return ["pod": name(pod), "node": (pod["spec"] as? [String: Any])?["nodeName"] ?? NSNull(), "flags": flags]
        }
        try context.writeJSON([
            "source": "kube-apiserver pods in kube-system (component=kube-apiserver)", "pods": records,
        ])
        return ItemOutcome(
            status: .ok,
            command:
                "kubectl -n kube-system get pods -l component=kube-apiserver -o jsonpath={.items[*].spec.containers[0].command}",
            requests: [request],
            itemCount: pods.count
        )
    }

    /// The brief's C07 text: each apiserver's command line as a JSON array, one pod per line.
    static func command(_ context: ItemContext) async throws -> ItemOutcome {
        let (pods, request, _, _) = try await pods(context)
        var text = ""
        for pod in pods {
            let data = try JSONSerialization.data(
                withJSONObject: APIServerFlags.arguments(of: pod),
                options: [.withoutEscapingSlashes]
            )
            text += String(decoding: data, as: UTF8.self) + "\n"
        }
        try Data(text.utf8).write(to: context.file)
        return ItemOutcome(
            status: .ok,
            command:
                "kubectl -n kube-system get pods -l component=kube-apiserver -o jsonpath={.items[0].spec.containers[0].command}",
            requests: [request],
            itemCount: pods.count
        )
    }

    static func name(_ object: [String: Any]) -> String {
        (object["metadata"] as? [String: Any])?["name"] as? String ?? ""
    }
}
