import Foundation
import KubeEmulator
import TestSupport
import Testing

/// The real kubectl against the emulator over TLS with the generated kubeconfig.
@Suite("kubectl fidelity")
struct KubectlTests {
    static var kubectl: String { Tools.find("kubectl") ?? "kubectl" }

    struct Kubectl {
        let kubeconfig: String
        let environment: [String: String]

        func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
            try await Tools.runAsync(
                KubectlTests.kubectl,
                ["--kubeconfig", kubeconfig] + arguments,
                environment: environment
            )
        }

        /// "namespace/name" (or "name") of each item of `get ... -o json`.
        func names(_ arguments: [String]) async throws -> [String] {
            let result = try await run(["get"] + arguments + ["-o", "json"])
            #expect(result.status == 0, "kubectl get \(arguments): \(result.stderr)")
            let json = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
            return (json["items"] as? [[String: Any]] ?? []).compactMap { item in
                guard let metadata = item["metadata"] as? [String: Any], let name = metadata["name"] as? String else {
                    return nil
                }
                return (metadata["namespace"] as? String).map { "\($0)/\(name)" } ?? name
            }
        }
    }

    @Test(.requires("kubectl", install: "see .ci/run"))
    func kubectlReadsWhatTheEmulatorServes() async throws {
        let store = try ClusterStore.sample()
        #expect(!store.objects(kind: "Certificate").isEmpty && !store.objects(kind: "NetworkPolicy").isEmpty)
        let emulator = KubeEmulator(store: store, options: EmulatorOptions())
        try await emulator.start()
        let scratch = TestFolder()
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
        #expect(logs.stdout == expected)

        let table = try await kubectl.run(["get", "pods", "-A"])
        #expect(table.status == 0, "kubectl get pods (table): \(table.stderr)")
        #expect(table.stdout.contains(podName))
        let whoami = try await kubectl.run(["auth", "whoami", "-o", "json"])
        #expect(whoami.stdout.contains("\"username\": \"auditpack-demo\""), "\(whoami.stdout) \(whoami.stderr)")
        let canI = try await kubectl.run(["auth", "can-i", "list", "secrets", "-A"])
        #expect(canI.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "yes", "\(canI.stderr)")

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
            #expect(who.stdout.contains("\"username\": \"auditor\""), "\(format): \(who.stdout) \(who.stderr)")
        }

        let writes = emulator.requestLog.filter { $0.method != "GET" && $0.method != "POST" }
        #expect(writes.isEmpty)
        let paths = Set(emulator.requestLog.map { "\($0.method) \($0.path) \($0.status)" }).sorted()
        print("kubectl requests:\n  " + paths.joined(separator: "\n  "))
        await emulator.stop()
    }
}
