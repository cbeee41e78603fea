import Foundation
import KubeEmulator
import Testing

@Suite("discovery documents")
struct DiscoveryTests {
    @Test func versionHasTheFullShape() async throws {
        try await withHarness { harness in
            let reply = try await harness.send("/version", token: nil)
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"] == "application/json")
            let json = reply.json
            #expect(json["major"] as? String == "1")
            #expect(json["minor"] as? String == "30")
            #expect(json["gitVersion"] as? String == "v1.30.4")
            for key in ["gitCommit", "gitTreeState", "buildDate", "goVersion", "compiler", "platform"] {
                #expect(json[key] is String, "missing \(key)")
            }
        }
    }

    @Test func coreVersionsNameTheServerAddress() async throws {
        try await withHarness { harness in
            let json = try await harness.send("/api").json
            #expect(json["kind"] as? String == "APIVersions")
            #expect(json["versions"] as? [String] == ["v1"])
            let addresses = try #require(json["serverAddressByClientCIDRs"] as? [[String: String]])
            #expect(addresses.first?["serverAddress"] == "127.0.0.1:\(harness.emulator.port ?? 0)")
        }
    }

    @Test func coreResourceListIncludesSubresources() async throws {
        try await withHarness { harness in
            let json = try await harness.send("/api/v1").json
            #expect(json["kind"] as? String == "APIResourceList")
            #expect(json["groupVersion"] as? String == "v1")
            let resources = try #require(json["resources"] as? [[String: Any]])
            let byName = Dictionary(uniqueKeysWithValues: resources.map { ($0["name"] as? String ?? "", $0) })
            let pods = try #require(byName["pods"])
            #expect(pods["kind"] as? String == "Pod")
            #expect(pods["singularName"] as? String == "pod")
            #expect(pods["namespaced"] as? Bool == true)
            #expect(pods["shortNames"] as? [String] == ["po"])
            #expect((pods["verbs"] as? [String])?.contains("list") == true)
            #expect(byName["pods/log"]?["verbs"] as? [String] == ["get"])
            #expect(byName["namespaces"]?["namespaced"] as? Bool == false)
            #expect(byName["namespaces/status"] != nil)
            #expect(byName["secrets"] != nil)
        }
    }

    @Test func groupListHasBuiltinAndCRDGroupsWithPreferredVersions() async throws {
        try await withHarness { harness in
            let json = try await harness.send("/apis").json
            #expect(json["kind"] as? String == "APIGroupList")
            let groups = try #require(json["groups"] as? [[String: Any]])
            let names = groups.compactMap { $0["name"] as? String }
            for expected in [
                "apps", "batch", "networking.k8s.io", "rbac.authorization.k8s.io", "admissionregistration.k8s.io",
                "apiextensions.k8s.io", "authentication.k8s.io", "authorization.k8s.io", "cert-manager.io",
                "external-secrets.io",
            ] {
                #expect(names.contains(expected), "missing group \(expected)")
            }
            let certManager = try #require(groups.first { $0["name"] as? String == "cert-manager.io" })
            let preferred = certManager["preferredVersion"] as? [String: String]
            #expect(preferred == ["groupVersion": "cert-manager.io/v1", "version": "v1"])
            #expect((certManager["versions"] as? [[String: String]])?.map { $0["version"] } == ["v1", "v1beta1"])
        }
    }

    @Test func groupVersionResourceLists() async throws {
        try await withHarness { harness in
            let group = try await harness.send("/apis/networking.k8s.io").json
            #expect(group["kind"] as? String == "APIGroup")
            let list = try await harness.send("/apis/networking.k8s.io/v1").json
            #expect(list["groupVersion"] as? String == "networking.k8s.io/v1")
            let names = (list["resources"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(names.contains("networkpolicies"))
            let reviews = try await harness.send("/apis/authentication.k8s.io/v1").json
            let review = (reviews["resources"] as? [[String: Any]])?.first {
                $0["name"] as? String == "selfsubjectreviews"
            }
            #expect(review?["verbs"] as? [String] == ["create"])
            let crd = try await harness.send("/apis/cert-manager.io/v1").json
            let certificate = (crd["resources"] as? [[String: Any]])?.first { $0["name"] as? String == "certificates" }
            #expect(certificate?["kind"] as? String == "Certificate")
            #expect(certificate?["namespaced"] as? Bool == true)
        }
    }

    @Test func removedGroupIsGoneFromDiscoveryAndServes404() async throws {
        let store = try TestCluster.store().removingGroup("external-secrets.io")
        try await withHarness(store: store) { harness in
            let groups = try await harness.send("/apis").json["groups"] as? [[String: Any]] ?? []
            #expect(!groups.contains { $0["name"] as? String == "external-secrets.io" })
            #expect(groups.contains { $0["name"] as? String == "cert-manager.io" })
            for path in [
                "/apis/external-secrets.io", "/apis/external-secrets.io/v1beta1",
                "/apis/external-secrets.io/v1beta1/externalsecrets",
            ] {
                let reply = try await harness.send(path)
                #expect(reply.status == 404, "\(path)")
                #expect(reply.json["reason"] as? String == "NotFound")
                #expect(reply.json["message"] as? String == "the server could not find the requested resource")
            }
            let crds = try await harness.send("/apis/apiextensions.k8s.io/v1/customresourcedefinitions")
            #expect(crds.itemNames == ["certificates.cert-manager.io"])
        }
        #expect(store.objects(kind: "ExternalSecret").isEmpty)
    }

    @Test func unknownPathsAndTypesAre404() async throws {
        try await withHarness { harness in
            for path in ["/apis/apps/v1/widgets", "/api/v2", "/openapi/v2", "/nothing", "/apis/apps/v9/deployments"] {
                let reply = try await harness.send(path)
                #expect(reply.status == 404, "\(path)")
                #expect(reply.json["kind"] as? String == "Status")
            }
        }
    }
}
