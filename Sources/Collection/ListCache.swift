import AuditPackCore
import Foundation
import KubeAPI

/// Lists each resource type at most once per run, however many controls need it (pods serve C02, C04,
/// C06, C07), redacting as it streams to a cache file that evidence items then reuse.
actor ListCache {
    private let client: KubeClient
    private let redactor: Redactor
    private let folder: URL
    private var tasks: [ListKey: Task<ListFetch, Never>] = [:]
    private var logs: [String: Task<Result<Data, KubeAPIError>, Never>] = [:]

    init(client: KubeClient, redactor: Redactor, folder: URL) {
        self.client = client
        self.redactor = redactor
        self.folder = folder
    }

    func fetch(_ key: ListKey) async -> ListFetch {
        if let task = tasks[key] { return await task.value }
        let task = Task { await self.list(key) }
        tasks[key] = task
        return await task.value
    }

    /// A pod's log, fetched at most once per run.
    func podLog(namespace: String, pod: String, container: String?) async throws -> Data {
        let key = "\(namespace)/\(pod)/\(container ?? "")"
        if let task = logs[key] { return try await task.value.get() }
        let client = self.client
        let task = Task { () -> Result<Data, KubeAPIError> in
            do {
                return .success(try await client.podLog(namespace: namespace, pod: pod, container: container))
            } catch let error as KubeAPIError {
                return .failure(error)
            } catch {
                return .failure(.invalidResponse(path: "pods/\(pod)/log", reason: "\(error)"))
            }
        }
        logs[key] = task
        return try await task.value.get()
    }

    private func list(_ key: ListKey) async -> ListFetch {
        let resource: APIResource
        do {
            guard
                let found = try await client.resource(
                    group: key.group,
                    name: key.resource,
                    preferredVersions: key.versions
                )
            else {
                let qualified = key.group.isEmpty ? key.resource : "\(key.resource).\(key.group)"
                return .failed(
                    status: .notInstalled,
                    note: "\(qualified) is not served by this cluster (its CRD is not installed). "
                        + "Install it, or collect this evidence another way.",
                    command: key.kubectlCommand
                )
            }
            resource = found
        } catch {
            let (status, note) = Self.classify(error)
            return .failed(status: status, note: note, command: key.kubectlCommand)
        }
        let query = ListQuery(resource, namespace: key.namespace, labelSelector: key.labelSelector)
        let file = folder.appendingPathComponent("\(key.fileStem).json")
        do {
            let redactor = self.redactor
            var writer = try ListFileWriter(url: file) { try redactor.decide($0) }
            do {
                let summary = try await client.list(query, into: &writer)
                let written = try writer.finish()
                return .fetched(
                    file: file,
                    summary: summary,
                    resource: resource,
                    command: query.kubectlCommand,
                    digest: FileDigest(sha256: written.sha256, size: written.bytes)
                )
            } catch {
                writer.abandon()
                try? FileManager.default.removeItem(at: file)
                throw error
            }
        } catch {
            let (status, note) = Self.classify(error)
            return .failed(status: status, note: note, command: query.kubectlCommand)
        }
    }

    /// Maps a failure to the item status a manifest records, with the reason.
    static func classify(_ error: Error) -> (ItemStatus, String) {
        guard let api = error as? KubeAPIError else { return (.error, "\(error)") }
        switch api {
        case .forbidden: return (.forbidden, api.description)
        case .notFound: return (.notInstalled, api.description)
        default: return (.error, api.description)
        }
    }
}
