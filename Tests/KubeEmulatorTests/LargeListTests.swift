import Foundation
import KubeEmulator
import Testing

@Suite("large lists")
struct PerformanceTests {
    static func bigObjects(count: Int) -> [Data] {
        (0..<count).map { index in
            TestCluster.json([
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": TestCluster.meta(
                    String(format: "cm-%06d", index),
                    namespace: "ns-\(index % 20)",
                    labels: ["shard": "\(index % 7)"],
                    rv: 10 + index
                ),
                "data": ["key": String(repeating: "x", count: 200)],
            ])
        }
    }

    @Test func pagesThroughTwentyThousandObjects() async throws {
        let clock = ContinuousClock()
        var objects: [Data] = []
        let generating = clock.measure { objects = Self.bigObjects(count: 20_000) }
        var store = ClusterStore()
        let loading = try clock.measure { store = try TestCluster.store().adding(objectsJSON: objects) }
        try await withHarness(store: store) { harness in
            var count = 0
            var token: String?
            var pages = 0
            let listing = try await clock.measure {
                repeat {
                    let query = token.map { "&continue=\($0)" } ?? ""
                    let reply = try await harness.send("/api/v1/configmaps?limit=500\(query)")
                    let json = reply.json
                    count += (json["items"] as? [Any])?.count ?? 0
                    token = (json["metadata"] as? [String: Any])?["continue"] as? String
                    pages += 1
                } while token != nil && pages < 100
            }
            #expect(count == 20_000)
            #expect(pages == 40)
            print(
                "20,000 ConfigMaps: generated in \(generating), store built in \(loading), listed in \(pages) pages in \(listing)"
            )
        }
    }
}
