import Foundation
import KubeEmulator
import TestSupport

/// A folder with a kubeconfig for a running emulator, and the package path `collect` writes there.
struct CLISession {
    let folder = TestFolder()
    let kubeconfig: String
    var package: String { folder.path("package.zip") }

    init(_ fixture: EmulatorFixture) {
        kubeconfig = (try? folder.write("kubeconfig", fixture.emulator.kubeconfigYAML())) ?? ""
    }

    /// `auditpack collect --kubeconfig … --output package.zip` plus `flags`.
    func collect(_ flags: [String], output: String? = nil) async throws -> CLIResult {
        try await CLIProcess.run(
            ["collect", "--kubeconfig", kubeconfig, "--output", output ?? package, "--timeout", "30"] + flags
        )
    }
}
