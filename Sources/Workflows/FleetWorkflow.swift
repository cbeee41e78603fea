import AuditPackCore
import Collection
import Evaluation
import Foundation
import KubeAPI
import Logging
import Packaging
import Reports

/// `collect --context A --context B …` / `--all-contexts`: one package per cluster, clusters side by side
/// (at most `parallelClusters` at once); a cluster that fails (unreachable, expired credentials) never
/// stops the others. Ends with a fleet summary written beside the packages.
public enum FleetWorkflow {
    public struct Request: Sendable {
        /// Contexts to collect; empty with `allContexts` means every context of the merged kubeconfig.
        public var contexts: [String]
        public var allContexts: Bool
        /// The per-cluster settings (its context, output and previous are set per cluster).
        public var base: CollectWorkflow.Request
        public var parallelClusters: Int
        /// Link each cluster's package to its latest package in this folder (matched by cluster id).
        public var chainFrom: URL?

        public init(contexts: [String], allContexts: Bool, base: CollectWorkflow.Request, parallelClusters: Int) {
            self.contexts = contexts
            self.allContexts = allContexts
            self.base = base
            self.parallelClusters = parallelClusters
        }
    }

    public struct Outcome: Sendable {
        public var summary: FleetSummary
        public var summaryFiles: [URL]

        public init(summary: FleetSummary, summaryFiles: [URL]) {
            self.summary = summary
            self.summaryFiles = summaryFiles
        }

        /// 0 every cluster complete, 1 some cluster or item incomplete, 2 nothing collected.
        public var exitCode: Int32 {
            if summary.clusters.allSatisfy({ $0.status == .failed }) { return 2 }
            return summary.clusters.allSatisfy({ $0.status == .ok }) ? 0 : 1
        }
    }

    public static func run(_ request: Request, logger: Logger) async throws -> Outcome {
        let contexts = try contextNames(request)
        guard !contexts.isEmpty else {
            throw KubeAPIError.kubeconfigInvalid(file: "kubeconfig", reason: "it names no context to collect")
        }
        let started = Date()
        var clusters: [FleetSummary.Cluster] = []
        await withTaskGroup(of: FleetSummary.Cluster.self) { group in
            var pending = contexts[...]
            func startNext() {
                guard let context = pending.popFirst() else { return }
                group.addTask { await collect(context: context, request: request, logger: logger) }
            }
            for _ in 0..<max(1, min(request.parallelClusters, contexts.count)) { startNext() }
            for await cluster in group {
                clusters.append(cluster)
                startNext()
            }
        }
        let summary = FleetSummary(generatedAt: started, clusters: clusters)
        let name =
            "fleet-"
            + EvidencePackage.defaultFileName(cluster: "x", startedAt: started)
            .replacingOccurrences(of: "audit-evidence-x-", with: "").replacingOccurrences(of: ".zip", with: "")
        let json = request.base.directory.appendingPathComponent("\(name).json")
        let html = request.base.directory.appendingPathComponent("\(name).html")
        try OutputFile.write(try summary.json(), to: json)
        try OutputFile.write(Data(summary.html().utf8), to: html)
        return Outcome(summary: summary, summaryFiles: [json, html])
    }

    static func contextNames(_ request: Request) throws -> [String] {
        guard request.allContexts else { return request.contexts }
        let config = try Kubeconfig.load(explicitPath: request.base.kubeconfig, environment: request.base.environment)
        return (config?.contexts.keys).map { Array($0).sorted() } ?? []
    }

    static func collect(context: String, request: Request, logger: Logger) async -> FleetSummary.Cluster {
        var single = request.base
        single.context = context
        single.output = nil
        do {
            if let folder = request.chainFrom {
                single.previous = try await latestPackage(in: folder, for: single, logger: logger)
            }
            let result = try await CollectWorkflow.run(single, logger: logger)
            return FleetSummary.Cluster(
                context: context,
                package: result.package.lastPathComponent,
                manifest: result.manifest,
                findings: result.findings
            )
        } catch {
            return FleetSummary.Cluster(context: context, failure: "\(error)")
        }
    }

    /// The newest intact package in `folder` whose cluster id is this context's cluster's.
    static func latestPackage(in folder: URL, for request: CollectWorkflow.Request, logger: Logger) async throws -> URL?
    {
        let config = try ConnectionConfig.discover(
            kubeconfigPath: request.kubeconfig,
            context: request.context,
            environment: request.environment
        )
        let client = try KubeClient(config: config, options: request.clientOptions, logger: logger)
        let id: String?
        do {
            id = try await EvidenceCollection.clusterID(client)
            await client.shutdown()
        } catch {
            await client.shutdown()
            throw error
        }
        guard let id else { return nil }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var best: (URL, String)?
        for name in names where name.hasSuffix(".zip") {
            let url = folder.appendingPathComponent(name)
            guard let reader = try? PackageReader(url: url),
                PackageVerifier.verify(reader: reader, path: url.path, trust: .none).verdict == .intact,
                let manifest = try? Manifest.decode(try reader.data("manifest.json")),
                manifest.cluster.clusterID == id
            else { continue }
            if best == nil || manifest.run.startedAt > best!.1 { best = (url, manifest.run.startedAt) }
        }
        return best?.0
    }
}

extension FleetWorkflow {
    /// `auditpack fleet PKG…`: the same summary from existing packages — each verified (a package that does
    /// not verify is listed as failed, with why), the latest package per cluster id.
    public static func summarize(packages: [URL], trust: PackageVerifier.Trust, now: Date = Date()) -> FleetSummary {
        var latest: [String: (FleetSummary.Cluster, String)] = [:]
        var failed: [FleetSummary.Cluster] = []
        for url in packages {
            do {
                let (manifest, _, reader) = try PackageEvidence.open(url, trust: trust)
                guard let findings = PackageEvidence.storedFindings(reader) else {
                    failed.append(.init(context: url.lastPathComponent, failure: "the package holds no findings.json"))
                    continue
                }
                let cluster = FleetSummary.Cluster(
                    context: manifest.cluster.context,
                    package: url.path,
                    manifest: manifest,
                    findings: findings
                )
                let key = manifest.cluster.clusterID ?? manifest.cluster.server
                if let current = latest[key], current.1 >= manifest.run.startedAt { continue }
                latest[key] = (cluster, manifest.run.startedAt)
            } catch {
                failed.append(.init(context: url.lastPathComponent, failure: "\(error)"))
            }
        }
        return FleetSummary(generatedAt: now, clusters: latest.values.map(\.0) + failed)
    }
}
