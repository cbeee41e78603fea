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
            Rbac.self, Preflight.self, Sandbox.self,
        ]
    )
}
