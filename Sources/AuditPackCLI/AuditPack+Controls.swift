import ArgumentParser
import Foundation
import Workflows

extension AuditPack {
    /// `auditpack controls`: the catalog, optionally viewed through one framework.
    struct Controls: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the controls: their evidence, rules with severities, thresholds and framework mappings."
        )

        @Option(help: "Show the mapping of one framework: soc2, iso27001, pci-dss or nist-800-53.")
        var framework: String?

        @Flag(help: "Print the catalog as JSON (every control, rule with its severity, threshold and mapping).")
        var json = false

        func run() async throws {
            let text = try await CLIExit.guarding { try ControlsWorkflow.run(framework: framework, json: json) }
            print(text, terminator: "")
        }
    }
}
