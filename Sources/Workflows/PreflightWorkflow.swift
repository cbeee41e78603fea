import AuditPackCore
import Collection
import Foundation
import KubeAPI
import Logging

/// `auditpack preflight`: may this identity collect the selected controls here? Asked before collecting.
public enum PreflightWorkflow {
    public struct Request: Sendable {
        public var kubeconfig: String?
        public var context: String?
        public var controls: Set<String>?
        public var clientOptions: KubeClientOptions
        public var environment: [String: String]
        public var serviceAccountDirectory: String

        public init(
            kubeconfig: String? = nil,
            context: String? = nil,
            controls: Set<String>? = nil,
            clientOptions: KubeClientOptions = KubeClientOptions(),
            environment: [String: String] = ProcessInfo.processInfo.environment,
            serviceAccountDirectory: String = InClusterConfig.defaultDirectory
        ) {
            self.kubeconfig = kubeconfig
            self.context = context
            self.controls = controls
            self.clientOptions = clientOptions
            self.environment = environment
            self.serviceAccountDirectory = serviceAccountDirectory
        }
    }

    /// Throws when the cluster cannot be reached or will not answer access reviews.
    public static func run(_ request: Request, logger: Logger) async throws -> PreflightReport {
        let catalog = try Catalog.builtIn()
        let controls = try RbacWorkflow.validated(request.controls, catalog: catalog)
        let config = try ConnectionConfig.discover(
            kubeconfigPath: request.kubeconfig,
            context: request.context,
            environment: request.environment,
            serviceAccountDirectory: request.serviceAccountDirectory
        )
        let client = try KubeClient(config: config, options: request.clientOptions, logger: logger)
        do {
            let report = try await Preflight.check(client: client, catalog: catalog, controls: controls)
            await client.shutdown()
            return report
        } catch {
            await client.shutdown()
            throw error
        }
    }
}
