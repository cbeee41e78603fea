import Foundation
import KubeEmulator
import Testing

@Suite("large lists")
struct LargeListTests {
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
        let store = try TestCluster.store().adding(objectsJSON: Self.bigObjects(count: 20_000))
        try await withHarness(store: store) { harness in
            var count = 0
            var token: String?
            var pages = 0
            repeat {
                let query = token.map { "&continue=\($0)" } ?? ""
                let reply = try await harness.send("/api/v1/configmaps?limit=500\(query)")
                let json = reply.json
                count += (json["items"] as? [Any])?.count ?? 0
                token = (json["metadata"] as? [String: Any])?["continue"] as? String
                pages += 1
            } while token != nil && pages < 100
            #expect(count == 20_000)
            #expect(pages == 40)
        }
    }
}
