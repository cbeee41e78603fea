import ArgumentParser
import AuditPackCore
import Foundation
import Workflows

extension AuditPack {
    /// `auditpack preflight`: asks the cluster whether this identity may collect, item by item.
    struct Preflight: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check, before collecting, that every evidence item can be read (access reviews, discovery).",
            discussion: """
                Prints per evidence item: allowed, forbidden (naming the missing verb, resource and group) or \
                not_installed (the resource type is not served). Exit codes: 0 all allowed; 1 something is \
                missing; 2 the cluster cannot be reached or will not answer access reviews.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var connection: ConnectionOptions

        @Option(help: "Comma-separated control ids, e.g. C01,C05 (default: all ten).")
        var controls: String?

        @Flag(help: "Print the result as JSON.")
        var json = false

        func run() async throws {
            let report = try await CLIExit.guarding {
                try await PreflightWorkflow.run(
                    PreflightWorkflow.Request(
                        kubeconfig: connection.kubeconfig,
                        context: connection.context,
                        controls: ControlList.parse(controls),
                        clientOptions: connection.clientOptions
                    ),
                    logger: global.makeLogger()
                )
            }
            print(json ? try PreflightText.json(report) : PreflightText.render(report))
            if !report.allAllowed { throw ExitCode(1) }
        }
    }
}
