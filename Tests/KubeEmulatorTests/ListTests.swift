import Foundation
import KubeEmulator
import Testing

@Suite("lists, pagination, selectors, single objects")
struct ListTests {
    /// The test cluster plus `count` RoleBindings in namespace `bulk`.
    static func bulkStore(count: Int) throws -> ClusterStore {
        let bindings = (0..<count).map { index in
            TestCluster.json([
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
                "metadata": TestCluster.meta(String(format: "bulk-%05d", index), namespace: "bulk", rv: 100 + index),
                "roleRef": ["apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "view"],
            ])
        }
        return try TestCluster.store().adding(objectsJSON: [TestCluster.namespace("bulk")] + bindings)
    }

    @Test func listShapeMimicsTheRealServer() async throws {
        try await withHarness { harness in
            let reply = try await harness.send("/api/v1/pods")
            #expect(reply.status == 200)
            let json = reply.json
            #expect(json["kind"] as? String == "PodList")
            #expect(json["apiVersion"] as? String == "v1")
            let metadata = try #require(json["metadata"] as? [String: Any])
            #expect(metadata["resourceVersion"] as? String == harness.emulator.store.resourceVersion)
            #expect(metadata["continue"] == nil)
            let items = try #require(json["items"] as? [[String: Any]])
            #expect(items.allSatisfy { $0["kind"] == nil && $0["apiVersion"] == nil }, "built-in items omit kind")
            let names = items.compactMap { item -> String? in
                guard let metadata = item["metadata"] as? [String: Any] else { return nil }
                return "\(metadata["namespace"] ?? "")/\(metadata["name"] ?? "")"
            }
            #expect(names == names.sorted(), "sorted by namespace then name")
            #expect(names.count == 6)
            let custom = try await harness.send("/apis/cert-manager.io/v1/certificates").json
            let customItems = custom["items"] as? [[String: Any]] ?? []
            #expect(customItems.allSatisfy { $0["kind"] as? String == "Certificate" }, "custom items keep kind")
            #expect(custom["kind"] as? String == "CertificateList")
            for version in ["v1", "v1beta1"] {
                let path = "/apis/external-secrets.io/\(version)/namespaces/team-a/externalsecrets"
                let list = try await harness.send(path).json
                let item = (list["items"] as? [[String: Any]])?.first
                #expect(
                    item?["apiVersion"] as? String == "external-secrets.io/\(version)",
                    "served as the version asked for"
                )
                let single = try await harness.send("\(path)/db").json
                #expect(single["apiVersion"] as? String == "external-secrets.io/\(version)")
                #expect(single["kind"] as? String == "ExternalSecret")
            }
        }
    }

    @Test func paginationGivesExactCountsAcrossPages() async throws {
        try await withHarness(store: try Self.bulkStore(count: 1_234)) { harness in
            var names: [String] = []
            var continueToken: String?
            var pages = 0
            var remaining: [Int] = []
            repeat {
                var query = "limit=100"
                if let continueToken {
                    query +=
                        "&continue="
                        + (continueToken.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                }
                let reply = try await harness.send(
                    "/apis/rbac.authorization.k8s.io/v1/namespaces/bulk/rolebindings?\(query)"
                )
                #expect(reply.status == 200)
                let metadata = reply.json["metadata"] as? [String: Any] ?? [:]
                continueToken = metadata["continue"] as? String
                if let count = metadata["remainingItemCount"] as? Int { remaining.append(count) }
                names += reply.itemNames
                pages += 1
            } while continueToken != nil && pages < 50
            #expect(pages == 13)
            #expect(names.count == 1_234)
            #expect(Set(names).count == 1_234)
            #expect(names == names.sorted())
            #expect(remaining.first == 1_134)
            #expect(remaining.count == 12)
            #expect(remaining.last == 34)
        }
    }

    @Test func expiredContinueTokenGets410Once() async throws {
        try await withHarness(store: try Self.bulkStore(count: 30)) { harness in
            let path = "/apis/rbac.authorization.k8s.io/v1/namespaces/bulk/rolebindings"
            let first = try await harness.send("\(path)?limit=10")
            let token = try #require((first.json["metadata"] as? [String: Any])?["continue"] as? String)
            harness.emulator.expireContinueTokens()
            let expired = try await harness.send("\(path)?limit=10&continue=\(token)")
            #expect(expired.status == 410)
            #expect(expired.json["reason"] as? String == "Expired")
            let retried = try await harness.send("\(path)?limit=10&continue=\(token)")
            #expect(retried.status == 200)
            #expect(retried.itemNames.first == "bulk-00010")
            let foreign = try await harness.send("/api/v1/pods?limit=10&continue=\(token)")
            #expect(foreign.status == 400)
        }
    }

    @Test(arguments: [
        ("component=kube-apiserver", ["kube-apiserver-cp1"]),
        ("component==etcd", ["etcd-cp1"]),
        ("tier=control-plane,component!=etcd", ["kube-apiserver-cp1"]),
        ("component in (etcd, kube-apiserver)", ["etcd-cp1", "kube-apiserver-cp1"]),
        ("tier notin (control-plane)", ["coredns-1"]),
        ("k8s-app", ["coredns-1"]),
        ("!tier", ["coredns-1"]),
    ])
    func labelSelectors(selector: String, expected: [String]) async throws {
        try await withHarness { harness in
            let encoded = selector.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let reply = try await harness.send("/api/v1/namespaces/kube-system/pods?labelSelector=\(encoded)")
            #expect(reply.status == 200)
            #expect(reply.itemNames.sorted() == expected)
        }
    }

    @Test func fieldSelectorsAndBadSelectors() async throws {
        try await withHarness { harness in
            let running = try await harness.send("/api/v1/pods?fieldSelector=status.phase%3DRunning")
            #expect(running.itemNames.sorted() == ["coredns-1", "etcd-cp1", "kube-apiserver-cp1", "web-1"])
            let notRunning = try await harness.send("/api/v1/pods?fieldSelector=status.phase!%3DRunning")
            #expect(notRunning.itemNames.sorted() == ["kube-bench-x7k2p", "web-2"])
            let named = try await harness.send(
                "/api/v1/pods?fieldSelector=metadata.name%3D%3Dweb-2,metadata.namespace%3Dteam-a"
            )
            #expect(named.itemNames == ["web-2"])
            let plusSpace = try await harness.send("/api/v1/pods?labelSelector=app+in+(web)")
            #expect(plusSpace.itemNames == ["web-1", "web-2"])
            let badField = try await harness.send("/api/v1/pods?fieldSelector=spec.bogus%3Dx")
            #expect(badField.status == 400)
            #expect(badField.json["message"] as? String == "field label not supported: spec.bogus")
            let badLabel = try await harness.send("/api/v1/pods?labelSelector=app%20in%20(web")
            #expect(badLabel.status == 400)
            #expect(badLabel.json["reason"] as? String == "BadRequest")
        }
    }

    @Test func singleObjectsAndNotFound() async throws {
        try await withHarness { harness in
            let secret = try await harness.send("/api/v1/namespaces/team-a/secrets/db-password")
            #expect(secret.status == 200)
            #expect(secret.json["kind"] as? String == "Secret")
            #expect(secret.json["apiVersion"] as? String == "v1")
            #expect(secret.json["type"] as? String == "Opaque")
            let namespace = try await harness.send("/api/v1/namespaces/kube-system")
            #expect((namespace.json["metadata"] as? [String: Any])?["uid"] as? String == "uid-cluster-kube-system")
            let missing = try await harness.send("/apis/cert-manager.io/v1/namespaces/team-a/certificates/nope")
            #expect(missing.status == 404)
            #expect(missing.json["message"] as? String == "certificates.cert-manager.io \"nope\" not found")
            let details = missing.json["details"] as? [String: String]
            #expect(details == ["name": "nope", "group": "cert-manager.io", "kind": "certificates"])
            let missingCore = try await harness.send("/api/v1/namespaces/no-such-namespace")
            #expect(missingCore.json["message"] as? String == "namespaces \"no-such-namespace\" not found")
            let status = try await harness.send("/api/v1/namespaces/kube-system/status")
            #expect(status.status == 200)
            #expect(harness.emulator.store.clusterID == "uid-cluster-kube-system")
        }
    }

    @Test func namespacedListOfAnEmptyOrClusterScopedType() async throws {
        try await withHarness { harness in
            let empty = try await harness.send("/api/v1/namespaces/team-a/configmaps")
            #expect(empty.status == 200)
            #expect(empty.json["kind"] as? String == "ConfigMapList")
            #expect(empty.itemNames.isEmpty)
            let clusterScopedInNamespace = try await harness.send("/api/v1/namespaces/team-a/nodes")
            #expect(clusterScopedInNamespace.status == 404)
            let crbs = try await harness.send("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings")
            #expect(crbs.itemNames == ["auditors-view", "cluster-admin"])
        }
    }
}
