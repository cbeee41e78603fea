import Foundation
import KubeEmulator
import Testing

/// The real kubectl against the emulator over TLS with the generated kubeconfig.
@Suite("kubectl fidelity")
struct KubectlTests {
    static let kubectl = "/usr/bin/kubectl"

    /// The sample cluster if it has what these tests read, else the test cluster.
    static func store() throws -> ClusterStore {
        if ClusterStore.sampleFolder != nil, let sample = try? ClusterStore.sample(),
            !sample.objects(kind: "Certificate").isEmpty, !sample.objects(kind: "NetworkPolicy").isEmpty,
            sample.objectNames(kind: "Pod").contains(where: { $0.hasPrefix("kube-bench/") })
        {
            return sample
        }
        skip("sample cluster incomplete; kubectl runs against the test cluster instead")
        return try TestCluster.store()
    }

    struct Kubectl {
        let kubeconfig: String
        let environment: [String: String]

        func run(_ arguments: [String]) async throws -> ProcessResult {
            try await ProcessRunner.runDetached(
                KubectlTests.kubectl,
                ["--kubeconfig", kubeconfig] + arguments,
                environment: environment
            )
        }

        /// "namespace/name" (or "name") of each item of `get ... -o json`.
        func names(_ arguments: [String]) async throws -> [String] {
            let result = try await run(["get"] + arguments + ["-o", "json"])
            #expect(result.status == 0, "kubectl get \(arguments): \(result.stderr)")
            let json = (try? JSONSerialization.jsonObject(with: result.stdout)) as? [String: Any] ?? [:]
            return (json["items"] as? [[String: Any]] ?? []).compactMap { item in
                guard let metadata = item["metadata"] as? [String: Any], let name = metadata["name"] as? String else {
                    return nil
                }
                return (metadata["namespace"] as? String).map { "\($0)/\(name)" } ?? name
            }
        }
    }

    @Test func kubectlReadsWhatTheEmulatorServes() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.kubectl) else {
            skip("\(Self.kubectl) is not installed")
            return
        }
        let store = try Self.store()
        let emulator = KubeEmulator(store: store, options: EmulatorOptions())
        try await emulator.start()
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = scratch.url.path
        environment["KUBECACHEDIR"] = scratch.url.appendingPathComponent("cache").path
        environment["KUBECONFIG"] = nil
        let kubectl = Kubectl(
            kubeconfig: try scratch.write("kubeconfig", emulator.kubeconfigYAML()),
            environment: environment
        )

        #expect(try await kubectl.names(["networkpolicies", "-A"]) == store.objectNames(kind: "NetworkPolicy"))
        #expect(try await kubectl.names(["clusterrolebindings"]) == store.objectNames(kind: "ClusterRoleBinding"))
        #expect(try await kubectl.names(["certificates", "-A"]) == store.objectNames(kind: "Certificate"))

        let benchPod = try #require(store.objectNames(kind: "Pod").first { $0.hasPrefix("kube-bench/") })
        let podName = String(benchPod.dropFirst("kube-bench/".count))
        let logs = try await kubectl.run(["logs", "-n", "kube-bench", podName])
        #expect(logs.status == 0, "kubectl logs: \(logs.stderr)")
        let expected = store.allLogs.first { $0.key.namespace == "kube-bench" && $0.key.pod == podName }?.value
        #expect(logs.text == expected)

        let table = try await kubectl.run(["get", "pods", "-A"])
        #expect(table.status == 0, "kubectl get pods (table): \(table.stderr)")
        #expect(table.text.contains(podName))
        let whoami = try await kubectl.run(["auth", "whoami", "-o", "json"])
        #expect(whoami.text.contains("\"username\": \"auditpack-demo\""), "\(whoami.text) \(whoami.stderr)")
        let canI = try await kubectl.run(["auth", "can-i", "list", "secrets", "-A"])
        #expect(canI.text.trimmingCharacters(in: .whitespacesAndNewlines) == "yes", "\(canI.stderr)")

        for format in ClientKeyFormat.allCases {
            let issued = try emulator.issueClientCertificate(
                username: "auditor",
                groups: ["auditors"],
                keyFormat: format
            )
            let config = emulator.kubeconfigYAML(
                user: .clientCertificate(certificatePEM: issued.certificatePEM, privateKeyPEM: issued.privateKeyPEM)
            )
            let certKubectl = Kubectl(
                kubeconfig: try scratch.write("kubeconfig-\(format)", config),
                environment: environment
            )
            let who = try await certKubectl.run(["auth", "whoami", "-o", "json"])
            #expect(who.text.contains("\"username\": \"auditor\""), "\(format): \(who.text) \(who.stderr)")
        }

        let writes = emulator.requestLog.filter { $0.method != "GET" && $0.method != "POST" }
        #expect(writes.isEmpty)
        let paths = Set(emulator.requestLog.map { "\($0.method) \($0.path) \($0.status)" }).sorted()
        print("kubectl requests:\n  " + paths.joined(separator: "\n  "))
        await emulator.stop()
    }
}
