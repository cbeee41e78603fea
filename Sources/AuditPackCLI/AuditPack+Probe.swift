import ArgumentParser
import Collection
import Foundation
import KubeAPI

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
            let logger = global.makeLogger()
            let report = try await CLIExit.guarding {
                let config = try ConnectionConfig.discover(
                    kubeconfigPath: connection.kubeconfig,
                    context: connection.context
                )
                let client = try KubeClient(config: config, options: connection.clientOptions, logger: logger)
                do {
                    let folder =
                        output.map { URL(fileURLWithPath: $0) } ?? TemporaryFolder.make(prefix: "auditpack-probe")
                    let report = try await ClusterProbe.run(client: client, outputDirectory: folder)
                    await client.shutdown()
                    return report
                } catch {
                    await client.shutdown()
                    throw error
                }
            }
            print(ProbeText.render(report))
        }
    }
}

enum TemporaryFolder {
    static func make(prefix: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(prefix)-\(UUID().uuidString.prefix(8))"
        )
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

enum ProbeText {
    static func render(_ report: ProbeReport) -> String {
        """
        Server      \(report.server) (Kubernetes \(report.version.gitVersion), context \(report.context))
        Identity    \(report.identity.username) (groups: \(report.identity.groups.joined(separator: ", ")))
        API groups  \(report.apiGroups)
        Namespaces  \(report.namespaces.count) in \(report.namespacesSummary.pages) page(s), \
        \(report.namespacesSummary.milliseconds) ms: \(report.namespaces.joined(separator: ", "))
        Written     \(report.namespacesFile.path)
        """
    }
}
