import AuditPackCore
import Collection
import Foundation
import KubeAPI
import KubeEmulator
import Logging
import Packaging
import TestSupport
import Workflows

/// A package collected from an emulator, opened for reading.
struct CollectedPackage {
    let result: CollectWorkflow.Result
    let reader: PackageReader
    let store: ClusterStore
    let requestLog: [LoggedRequest]
    /// Holds the package's folder alive as long as the test uses it.
    let folder: TestFolder

    var manifest: Manifest { result.manifest }

    func entry(_ id: String) -> Manifest.Entry? {
        manifest.controls.first { $0.id == id }
    }

    func data(_ id: String) throws -> Data {
        guard let entry = entry(id) else { throw PackageReadError.missing(name: id) }
        return try reader.data(entry.file)
    }

    func json(_ id: String) throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: try data(id)) as? [String: Any]) ?? [:]
    }

    func items(_ id: String) throws -> [[String: Any]] {
        try json(id)["items"] as? [[String: Any]] ?? []
    }

    /// `namespace/name` of each item of a List evidence file.
    func names(_ id: String) throws -> [String] {
        try items(id).map(Self.key)
    }

    static func key(_ object: [String: Any]) -> String {
        let metadata = object["metadata"] as? [String: Any] ?? [:]
        let name = metadata["name"] as? String ?? ""
        return (metadata["namespace"] as? String).map { "\($0)/\(name)" } ?? name
    }

    /// `namespace/name` of every object of `kind` the emulator serves.
    func storeNames(kind: String) -> [String] {
        store.objects(kind: kind).compactMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
            .map(Self.key).sorted()
    }

    /// Collects from a fresh emulator with `store` and `options`.
    static func collect(
        store: ClusterStore? = nil,
        options: EmulatorOptions = EmulatorOptions(),
        pageSize: Int = 500,
        controls: Set<String>? = nil,
        signingKey: SigningKey? = nil,
        previous: URL? = nil,
        folder: TestFolder = TestFolder(),
        faults: FaultProfile? = nil,
        maxResponseBytes: Int? = nil,
        logger: Logger = EmulatorFixture.quietLogger
    ) async throws -> CollectedPackage {
        let store = try store ?? ClusterStore.sample()
        return try await withEmulator(store: store, options: options) { fixture in
            fixture.emulator.setFaultProfile(faults)
            let kubeconfig = try folder.write("kubeconfig-\(UUID().uuidString)", fixture.emulator.kubeconfigYAML())
            var collection = CollectionOptions()
            collection.controls = controls
            var clientOptions = EmulatorFixture.fastOptions(pageSize: pageSize)
            if let maxResponseBytes { clientOptions.maxResponseBytes = maxResponseBytes }
            var request = CollectWorkflow.Request(
                kubeconfig: kubeconfig,
                directory: folder.url,
                clientOptions: clientOptions,
                collection: collection,
                environment: [:]
            )
            request.signingKey = signingKey
            request.previous = previous
            let result = try await CollectWorkflow.run(request, logger: logger)
            return CollectedPackage(
                result: result,
                reader: try PackageReader(url: result.package),
                store: store,
                requestLog: fixture.emulator.requestLog,
                folder: folder
            )
        }
    }
}

extension ClusterStore {
    /// The store without the objects `drop` selects (e.g. to hide the control plane).
    func removing(_ drop: ([String: Any]) -> Bool) throws -> ClusterStore {
        let kept = kinds.flatMap { objects(kind: $0) }.filter { data in
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return true }
            return !drop(object)
        }
        return try ClusterStore(objectsJSON: kept, logs: allLogs)
    }
}
