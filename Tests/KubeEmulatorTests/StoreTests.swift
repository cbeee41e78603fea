import Foundation
import KubeEmulator
import Testing

@Suite("cluster store: loading, adding, removing groups")
struct StoreTests {
    /// Writes a cluster folder with the given object files and logs.
    static func folder(files: [String: String], logs: [String: String] = [:]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("emulator-store-\(UUID().uuidString)")
        for (name, text) in files {
            let url = root.appendingPathComponent("objects/\(name)")
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        for (path, text) in logs {
            let url = root.appendingPathComponent("logs/\(path)")
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    static let yaml = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: kube-system
          uid: 6a3c1a5e-0000-4000-8000-000000000001
          resourceVersion: "12"
          creationTimestamp: "2024-05-01T10:00:00Z"
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: settings, namespace: kube-system, resourceVersion: "40", creationTimestamp: 2024-05-01T10:00:00Z}
          data:
            enabled: "true"
            count: "3"
            raw: yes
        - apiVersion: v1
          kind: Pod
          metadata: {name: p, namespace: kube-system, labels: {app: p}}
          spec:
            hostNetwork: true
            containers: [{name: main, image: x, ports: [{containerPort: 8443}]}]
        """

    @Test func loadsAFolderWithListsAndLogs() throws {
        let root = try Self.folder(files: ["a.yaml": Self.yaml], logs: ["kube-system/p/main.log": "hello\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try ClusterStore.load(folder: root)
        #expect(store.objectCount == 3)
        #expect(store.resourceVersion == "40")
        #expect(store.clusterID == "6a3c1a5e-0000-4000-8000-000000000001")
        #expect(store.log(namespace: "kube-system", pod: "p", container: "main") == "hello\n")
        let configMap = try #require(store.objects(kind: "ConfigMap").first)
        let json = try #require(try JSONSerialization.jsonObject(with: configMap) as? [String: Any])
        #expect(json["apiVersion"] as? String == "v1")
        #expect(json["kind"] as? String == "ConfigMap")
        let data = json["data"] as? [String: Any]
        #expect(data?["enabled"] as? String == "true", "quoted scalars stay strings")
        #expect(data?["raw"] as? Bool == true, "YAML 1.1 booleans as Kubernetes reads them")
        let created = (json["metadata"] as? [String: Any])?["creationTimestamp"]
        #expect(created as? String == "2024-05-01T10:00:00Z", "timestamps stay strings")
        let pod = try #require(try JSONSerialization.jsonObject(with: store.objects(kind: "Pod")[0]) as? [String: Any])
        let spec = pod["spec"] as? [String: Any]
        #expect(spec?["hostNetwork"] as? Bool == true)
        let ports = (spec?["containers"] as? [[String: Any]])?.first?["ports"] as? [[String: Any]]
        #expect(ports?.first?["containerPort"] as? Int == 8443)
    }

    @Test func errorsNameTheFileAndTheFix() throws {
        let unknown = try Self.folder(files: [
            "crs.yaml": "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n"
        ])
        defer { try? FileManager.default.removeItem(at: unknown) }
        #expect(
            throws: KubeEmulatorError.unknownKind(
                source: "objects/crs.yaml document 1",
                apiVersion: "example.com/v1",
                kind: "Widget"
            )
        ) {
            try ClusterStore.load(folder: unknown)
        }
        let noNamespace = try Self.folder(files: ["p.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"])
        defer { try? FileManager.default.removeItem(at: noNamespace) }
        let error = #expect(throws: KubeEmulatorError.self) { try ClusterStore.load(folder: noNamespace) }
        #expect(error?.description.contains("objects/p.yaml document 1") == true)
        #expect(error?.description.contains("metadata.namespace") == true)
        let broken = try Self.folder(files: ["bad.yaml": "kind: [unclosed\n"])
        defer { try? FileManager.default.removeItem(at: broken) }
        #expect(throws: KubeEmulatorError.self) { try ClusterStore.load(folder: broken) }
        #expect(throws: KubeEmulatorError.self) { try ClusterStore.load(folder: URL(fileURLWithPath: "/nonexistent")) }
    }

    @Test func addingRejectsDuplicatesAndBumpsTheVersion() throws {
        let store = try TestCluster.store()
        #expect(throws: KubeEmulatorError.self) { try store.adding(objectsJSON: [TestCluster.namespace("default")]) }
        let bigger = try store.adding(objectsJSON: [TestCluster.namespace("extra")])
        #expect(bigger.objectCount == store.objectCount + 1)
        #expect(Int(bigger.resourceVersion) ?? 0 > Int(store.resourceVersion) ?? 0)
        #expect(bigger.objectNames(kind: "Namespace").contains("extra"))
    }

    @Test func removingAGroupDropsItsCRDsAndObjects() throws {
        let store = try TestCluster.store()
        let without = store.removingGroup("cert-manager.io")
        #expect(without.objects(kind: "Certificate").isEmpty)
        #expect(store.objects(kind: "Certificate").count == 2)
        #expect(without.objectNames(kind: "CustomResourceDefinition") == ["externalsecrets.external-secrets.io"])
        #expect(!without.servedGroups.contains("cert-manager.io"))
        let noNetworking = store.removingGroup("networking.k8s.io")
        #expect(!noNetworking.servedGroups.contains("networking.k8s.io"))
        #expect(noNetworking.objects(kind: "NetworkPolicy").isEmpty)
    }

    @Test func sampleClusterLoads() throws {
        let store = try ClusterStore.sample()
        #expect(store.objectCount > 0)
        #expect(store.clusterID != nil, "the kube-system Namespace needs a uid")
        #expect(!store.objects(kind: "Namespace").isEmpty)
    }
}
