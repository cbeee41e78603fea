import Collection
import Foundation
import KubeAPI
import Logging

/// `auditpack probe`: can this cluster be read? Server version, identity, API groups, and the namespaces
/// streamed to a file.
public enum ProbeWorkflow {
    public struct Request: Sendable {
        public var kubeconfig: String?
        public var context: String?
        public var clientOptions: KubeClientOptions
        /// Where `namespaces.json` goes; nil makes a new temporary folder.
        public var outputDirectory: URL?

        public init(
            kubeconfig: String? = nil,
            context: String? = nil,
            clientOptions: KubeClientOptions = KubeClientOptions(),
            outputDirectory: URL? = nil
        ) {
            self.kubeconfig = kubeconfig
            self.context = context
            self.clientOptions = clientOptions
            self.outputDirectory = outputDirectory
        }
    }

    /// Throws when the kubeconfig cannot be used or the cluster cannot be read.
    public static func run(_ request: Request, logger: Logger) async throws -> ProbeReport {
        let config = try ConnectionConfig.discover(kubeconfigPath: request.kubeconfig, context: request.context)
        let client = try KubeClient(config: config, options: request.clientOptions, logger: logger)
        do {
            let folder =
                request.outputDirectory
                ?? FileManager.default.temporaryDirectory.appendingPathComponent(
                    "auditpack-probe-\(UUID().uuidString.prefix(8))"
                )
            let report = try await ClusterProbe.run(client: client, outputDirectory: folder)
            await client.shutdown()
            return report
        } catch {
            await client.shutdown()
            throw error
        }
    }
}
