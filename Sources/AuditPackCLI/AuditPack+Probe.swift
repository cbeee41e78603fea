import ArgumentParser
import Foundation
import Workflows

extension AuditPack {
    /// Checks that a cluster can be read: discovery, identity, namespaces.
    struct Probe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the connection: server version, who you are, and the namespaces you can list."
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var connection: ConnectionOptions

        @Option(help: "Folder for the namespace list (default: a new temporary folder).")
        var output: String?

        func validate() throws {
            guard connection.contexts.count <= 1 else { throw ValidationError("probe checks one --context at a time.") }
        }

        func run() async throws {
            let report = try await CLIExit.guarding {
                try await ProbeWorkflow.run(
                    ProbeWorkflow.Request(
                        kubeconfig: connection.kubeconfig,
                        context: connection.context,
                        clientOptions: connection.clientOptions,
                        outputDirectory: output.map { URL(fileURLWithPath: $0) }
                    ),
                    logger: global.makeLogger()
                )
            }
            print(ProbeText.render(report))
        }
    }
}
