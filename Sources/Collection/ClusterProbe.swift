import Foundation
import KubeAPI

public enum ClusterProbe {
    /// Discovery, SelfSubjectReview, and the Namespace list streamed to `outputDirectory/namespaces.json`.
    public static func run(client: KubeClient, outputDirectory: URL) async throws -> ProbeReport {
        let version = try await client.serverVersion()
        let identity = try await client.whoAmI()
        let groups = try await client.apiGroups()
        guard let namespaceType = try await client.resource(group: "", name: "namespaces") else {
            throw KubeAPIError.invalidResponse(path: "/api/v1", reason: "the server does not list namespaces")
        }
        try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
        let file = outputDirectory.appendingPathComponent("namespaces.json")
        var names: [String] = []
        var writer = try ListFileWriter(url: file) { item in
            if let name = (try item.object()["metadata"] as? [String: Any])?["name"] as? String { names.append(name) }
            return .keep
        }
        let summary: ListSummary
        do {
            summary = try await client.list(ListQuery(namespaceType), into: &writer)
            _ = try writer.finish()
        } catch {
            writer.abandon()
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        return ProbeReport(
            server: client.config.server,
            context: client.config.contextName,
            version: version,
            identity: identity,
            apiGroups: groups.count,
            namespaces: names,
            namespacesFile: file,
            namespacesSummary: summary
        )
    }
}
