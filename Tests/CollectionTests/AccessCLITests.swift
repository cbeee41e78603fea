import Foundation
import KubeEmulator
import TestSupport
import Testing
import Workflows

/// The built `auditpack` binary: `rbac` prints the generated role, `preflight` exits 0, 1 or 2.
@Suite("CLI: rbac and preflight")
struct AccessCLITests {
    static let binary = Tools.auditpack

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "KUBECONFIG")
        environment.removeValue(forKey: "KUBERNETES_SERVICE_HOST")
        return try Tools.runCapturing(binary, arguments, environment: environment)
    }

    @Test func rbacPrintsTheGeneratedRole() throws {
        let yaml = try Self.run(["rbac", "--controls", "c01,C06", "--namespace", "audit"])
        #expect(yaml.status == 0)
        #expect(yaml.stdout == (try RbacWorkflow.render(controls: ["C01", "C06"], namespace: "audit")))
        let json = try Self.run(["rbac", "--format", "json"])
        #expect(json.stdout == (try RbacWorkflow.render(format: .json)))
        let bad = try Self.run(["rbac", "--controls", "C99"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("Unknown control id(s) C99"))
    }

    @Test func preflightExitCodesSayWhatIsMissing() async throws {
        let options = EmulatorOptions.configured {
            $0.tokens["reader-token"] = UserInfo(username: "reader")
            $0.denials = [Denial(user: "auditpack-demo", verb: "list", group: "", resource: "secrets")]
        }
        try await withEmulator(options: options) { fixture in
            let folder = TestFolder()
            let limited = try folder.write("limited", fixture.emulator.kubeconfigYAML())
            let reader = try folder.write("reader", fixture.emulator.kubeconfigYAML(user: .token("reader-token")))

            let missing = try Self.run(["preflight", "--kubeconfig", limited])
            #expect(missing.status == 1, "\(missing.stderr)")
            let lines = missing.stdout.split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.hasPrefix("C06e  forbidden") && $0.hasSuffix("missing: list secrets") })
            #expect(lines.contains { $0.hasPrefix("C06d  forbidden") })
            #expect(lines.contains { $0.hasPrefix("C01   allowed") })
            #expect(missing.stdout.contains("35 items: 33 allowed, 2 forbidden, 0 not_installed"))

            let allowed = try Self.run(["preflight", "--kubeconfig", reader, "--controls", "C03", "--json"])
            #expect(allowed.status == 0, "\(allowed.stderr)")
            let report = try JSONSerialization.jsonObject(with: Data(allowed.stdout.utf8)) as? [String: Any]
            #expect(report?["username"] as? String == "reader")
            #expect(
                (report?["items"] as? [[String: Any]])?.map { $0["status"] as? String }
                    == Array(repeating: "allowed", count: 6)
            )
        }
        let unreachable = try Self.run(["preflight", "--kubeconfig", try TestFolder().unreachableKubeconfig()])
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr.contains("Cannot reach the API server"))
    }
}
