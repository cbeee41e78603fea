import ArgumentParser
import AuditPackCore
import Foundation
import KubeAPI

/// `auditpack`: Kubernetes audit evidence, collected, signed and verifiable.
@main
struct AuditPack: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auditpack",
        abstract: "Collect signed, verifiable Kubernetes audit evidence for ten security controls.",
        version: ToolVersion.current,
        subcommands: [
            Collect.self, Verify.self, Evaluate.self, Report.self, Keygen.self, Controls.self, Demo.self, Probe.self,
            Rbac.self, Preflight.self, Sandbox.self, Upload.self, Fleet.self, Diff.self, Timeline.self,
        ]
    )

    /// Runs the command; usage errors (unknown flags, values out of range) exit 2 as the README
    /// documents, not swift-argument-parser's default 64.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(CLIExit.usage)
        }
    }
}
