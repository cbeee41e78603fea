import AuditPackCore
import Collection
import Foundation
import KubeEmulator
import Packaging
import TestSupport
import Workflows

/// One emulated cluster collected several times, its store changed between collections (as a real
/// cluster changes between daily runs); every package lands in one folder.
struct ClusterSeries {
    let fixture: EmulatorFixture
    let folder = TestFolder()
    let kubeconfig: String

    init(_ fixture: EmulatorFixture) throws {
        self.fixture = fixture
        kubeconfig = try folder.write("kubeconfig", fixture.emulator.kubeconfigYAML())
    }

    /// Collects every control as of `date` (the collection time and the package's name), optionally chained
    /// to `previous`; returns the package.
    func collect(at date: Date, previous: URL? = nil, signingKey: SigningKey? = nil) async throws -> URL {
        var collection = CollectionOptions()
        collection.clock = { date }
        var request = CollectWorkflow.Request(
            kubeconfig: kubeconfig,
            directory: folder.url,
            clientOptions: EmulatorFixture.fastOptions(),
            collection: collection,
            environment: [:]
        )
        request.previous = previous
        request.signingKey = signingKey
        return try await CollectWorkflow.run(request, logger: EmulatorFixture.quietLogger).package
    }

    /// Serves `change(store)` from now on.
    func change(_ change: (ClusterStore) throws -> ClusterStore) rethrows {
        fixture.emulator.replaceStore(try change(fixture.emulator.store))
    }

    static func day(_ day: Int, hour: Int = 2) -> Date {
        Timestamp.parse(String(format: "2026-11-%02dT%02d:00:00Z", day, hour))!
    }
}
