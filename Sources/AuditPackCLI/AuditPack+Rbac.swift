import ArgumentParser
import AuditPackCore
import Foundation
import Workflows

extension AuditPack {
    /// `auditpack rbac`: the least-privilege ClusterRole for the selected controls.
    struct Rbac: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the exact ClusterRole the selected controls need (read-only), from the catalog.",
            discussion: """
                Each rule carries a comment naming the evidence items it serves. With --namespace, the \
                ServiceAccount and ClusterRoleBinding follow. `kubectl apply -f -` takes the output as is.
                """
        )

        @Option(help: "Comma-separated control ids, e.g. C01,C05 (default: all ten).")
        var controls: String?

        @Option(help: "Also print a ServiceAccount in this namespace and a ClusterRoleBinding for it.")
        var namespace: String?

        @Option(help: "yaml (with a comment per rule) or json.")
        var format: AccessRole.Format = .yaml

        func run() async throws {
            let text = try await CLIExit.guarding {
                try RbacWorkflow.render(controls: ControlList.parse(controls), namespace: namespace, format: format)
            }
            print(text, terminator: "")
        }
    }
}

extension AccessRole.Format: ExpressibleByArgument {}
