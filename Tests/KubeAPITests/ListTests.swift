import Foundation
import KubeAPI
import KubeEmulator
import TestSupport
import Testing

@Suite("LIST: pagination, restarts, streaming to disk")
struct ListTests {
    static let roleBindings = APIResource(
        group: "rbac.authorization.k8s.io",
        version: "v1",
        name: "rolebindings",
        kind: "RoleBinding",
        namespaced: true
    )

    /// The sample cluster plus `count` generated RoleBindings in namespace `bulk`.
    static func bulkStore(count: Int) throws -> ClusterStore {
        let objects = try (0..<count).map { index in
            try JSONSerialization.data(withJSONObject: [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
                "metadata": [
                    "name": String(format: "bulk-%05d", index), "namespace": "bulk",
                    "uid": UUID().uuidString.lowercased(),
                    "resourceVersion": "\(1000 + index)",
                ],
                "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"],
                "subjects": [["kind": "User", "name": "user-\(index)"]],
            ])
        }
        let namespace = try JSONSerialization.data(withJSONObject: [
            "apiVersion": "v1", "kind": "Namespace",
            "metadata": ["name": "bulk", "uid": UUID().uuidString.lowercased(), "resourceVersion": "999"],
        ])
        return try ClusterStore.sample().adding(objectsJSON: [namespace] + objects)
    }

    @Test func followsContinueAcrossManyPagesToAFile() async throws {
        try await withEmulator(store: try Self.bulkStore(count: 1_234)) { fixture in
            let client = try fixture.client(options: EmulatorFixture.fastOptions(pageSize: 100))
            let file = fixture.folder.url.appendingPathComponent("rb.json")
            var writer = try ListFileWriter(url: file)
            let summary = try await client.list(ListQuery(Self.roleBindings, namespace: "bulk"), into: &writer)
            let written = try writer.finish()
            await client.shutdown()

            #expect(summary.items == 1_234)
            #expect(summary.pages == 13)
            #expect(written.items == 1_234)
            let data = try Data(contentsOf: file)
            #expect(written.bytes == data.count)
            let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(document["kind"] as? String == "List")
            let items = try #require(document["items"] as? [[String: Any]])
            let names = items.compactMap { ($0["metadata"] as? [String: Any])?["name"] as? String }
            #expect(names.count == 1_234)
            #expect(Set(names).count == 1_234, "no item twice")
            #expect(names == names.sorted())
            #expect(items.allSatisfy { $0["kind"] as? String == "RoleBinding" }, "kind filled in as kubectl does")
            let pageRequests = fixture.emulator.requestLog.filter { $0.path.hasSuffix("/namespaces/bulk/rolebindings") }
            #expect(pageRequests.count == 13)
        }
    }

    @Test func restartsOnceWhenTheContinueTokenExpires() async throws {
        try await withEmulator(store: try Self.bulkStore(count: 250)) { fixture in
            let client = try fixture.client(options: EmulatorFixture.fastOptions(pageSize: 100))
            fixture.emulator.expireContinueTokens()
            let file = fixture.folder.url.appendingPathComponent("rb.json")
            var writer = try ListFileWriter(url: file)
            let summary = try await client.list(ListQuery(Self.roleBindings, namespace: "bulk"), into: &writer)
            let written = try writer.finish()
            await client.shutdown()
            #expect(summary.restarts == 1)
            #expect(summary.items == 250)
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
            )
            #expect((document["items"] as? [Any])?.count == 250, "the file holds one snapshot, not pieces of two")
            #expect(written.items == 250)
        }
    }

    @Test func labelSelectorFiltersOnTheServer() async throws {
        try await withEmulator { fixture in
            let client = try fixture.client()
            let pods = try #require(try await client.resource(group: "", name: "pods"))
            let result = try await client.listItems(
                ListQuery(pods, namespace: "kube-system", labelSelector: "component=kube-apiserver")
            )
            await client.shutdown()
            #expect(result.items.count == 1)
            let name = (result.items.first?["metadata"] as? [String: Any])?["name"] as? String
            #expect(name?.hasPrefix("kube-apiserver") == true)
        }
    }

    @Test func kubectlCommandIsRecorded() {
        #expect(
            ListQuery(Self.roleBindings).kubectlCommand
                == "kubectl get rolebindings.rbac.authorization.k8s.io -A -o json"
        )
        let pods = APIResource(group: "", version: "v1", name: "pods", kind: "Pod", namespaced: true)
        #expect(
            ListQuery(pods, namespace: "kube-system", labelSelector: "component=kube-apiserver").kubectlCommand
                == "kubectl get pods -n kube-system -l component=kube-apiserver -o json"
        )
    }
}
