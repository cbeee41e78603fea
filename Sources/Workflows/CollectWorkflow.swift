import AuditPackCore
import Collection
import Evaluation
import Foundation
import KubeAPI
import Logging
import Packaging
import Reports

/// `auditpack collect`: connect, collect every selected control, write the package atomically.
public enum CollectWorkflow {
    public struct Request: Sendable {
        public var kubeconfig: String?
        public var context: String?
        /// The package path; nil writes the default name into `directory`.
        public var output: URL?
        public var directory: URL
        public var clientOptions: KubeClientOptions
        public var collection: CollectionOptions
        public var environment: [String: String]
        /// Signs the package when set.
        public var signingKey: SigningKey?
        /// The previous package of a series, linked by hash.
        public var previous: URL?
        /// Where the signing key was read from (an input: never overwritten).
        public var signingKeyPath: String?
        /// Replace an existing output file (never one of the command's inputs).
        public var force = false
        /// Where the in-cluster service account is mounted (token, ca.crt, namespace).
        public var serviceAccountDirectory = InClusterConfig.defaultDirectory

        public init(
            kubeconfig: String? = nil,
            context: String? = nil,
            output: URL? = nil,
            directory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            clientOptions: KubeClientOptions = KubeClientOptions(),
            collection: CollectionOptions = CollectionOptions(),
            environment: [String: String] = ProcessInfo.processInfo.environment
        ) {
            self.kubeconfig = kubeconfig
            self.context = context
            self.output = output
            self.directory = directory
            self.clientOptions = clientOptions
            self.collection = collection
            self.environment = environment
        }
    }

    public struct Result: Sendable {
        public var package: URL
        public var packageSHA256: String
        public var manifest: Manifest
        /// Items whose status is not ok.
        public var incomplete: [Manifest.Entry] { manifest.controls.filter { $0.status != .ok } }
        /// The verdicts made at collection time (also in the package as findings.json).
        public var findings: FindingsDocument
    }

    public static func run(_ request: Request, logger: Logger) async throws -> Result {
        let catalog = try Catalog.builtIn()
        let link = try request.previous.map(PackageChain.link(to:))
        let config = try ConnectionConfig.discover(
            kubeconfigPath: request.kubeconfig,
            context: request.context,
            environment: request.environment,
            serviceAccountDirectory: request.serviceAccountDirectory
        )
        let inputs = request.inputs
        if let output = request.output { try OutputFile.check(output, force: request.force, inputs: inputs) }
        // Beside the output: private, on the same filesystem, and cleaned up however the run ends.
        let workFolder = try WorkFolder(
            directory: request.output?.deletingLastPathComponent() ?? request.directory,
            outputName: request.output?.lastPathComponent ?? "audit-evidence"
        )
        defer { workFolder.remove() }
        let client = try KubeClient(config: config, options: request.clientOptions, logger: logger)
        let work = workFolder.url
        var phases = PhaseTimer(logger: logger)
        do {
            let run = try await EvidenceCollection.collect(
                client: client,
                catalog: catalog,
                options: request.collection,
                workFolder: work
            )
            await client.shutdown()
            phases.end("collection")
            var linked = run.manifest
            linked.previous = link
            let manifest = linked
            let startedAt = Timestamp.parse(run.manifest.run.startedAt) ?? Date()
            let destination =
                request.output
                ?? Self.freeDefaultName(
                    in: request.directory,
                    EvidencePackage.defaultFileName(
                        cluster: config.clusterName.isEmpty ? config.contextName : config.clusterName,
                        startedAt: startedAt
                    )
                )
            if request.output == nil { try OutputFile.check(destination, force: request.force, inputs: inputs) }
            // The evidence files are final: compress them into the package while the findings are made.
            let evidenceFolder = run.evidenceFolder
            let packing = Task.detached {
                try EvidencePackage.begin(
                    manifest: manifest,
                    evidenceFolder: evidenceFolder,
                    timestamp: startedAt,
                    to: destination
                )
            }
            let session: PackageWriter.Session
            let findings: FindingsDocument
            let artifacts: [EvidencePackage.Artifact]
            do {
                // Judge at collection time, from the collected evidence only, exactly as `evaluate` will later.
                let evidence = EvidenceSet.folder(
                    evidenceFolder,
                    catalog: catalog,
                    states: Dictionary(
                        uniqueKeysWithValues: manifest.controls.map {
                            ($0.id, .init(status: $0.status, note: $0.note))
                        }
                    )
                )
                findings = Evaluators.evaluate(
                    evidence,
                    catalog: catalog,
                    policy: EvaluationPolicy(catalog: catalog),
                    now: startedAt,
                    controls: manifest.run.selectedControls
                )
                phases.end("evaluation")
                var report = AuditReport(
                    manifest: manifest,
                    findings: findings,
                    catalog: catalog,
                    policy: BacklogPolicy()
                )
                report.permissions = AuditReport.permissions(evidence, catalog: catalog)
                artifacts = try Self.artifacts(
                    manifest: manifest,
                    findings: findings,
                    report: report,
                    catalog: catalog,
                    signed: request.signingKey != nil,
                    folder: work
                )
                phases.end("report")
                session = try await packing.value
            } catch {
                (try? await packing.value)?.abandon()
                throw error
            }
            // Checked again at the last moment: the file may have appeared while collecting.
            do {
                try OutputFile.check(destination, force: request.force, inputs: inputs)
            } catch {
                session.abandon()
                throw error
            }
            let written = try EvidencePackage.finish(
                session,
                manifest: manifest,
                artifacts: artifacts,
                signingKey: request.signingKey
            )
            phases.end("packaging (after evidence compressed alongside)")
            return Result(
                package: destination,
                packageSHA256: written.sha256,
                manifest: written.manifest,
                findings: findings
            )
        } catch {
            await client.shutdown()
            throw error
        }
    }
}
