import ArgumentParser
import AuditPackCore
import Collection
import Foundation
import KubeAPI
import ObjectStore
import Packaging
import Workflows

extension AuditPack {
    /// `auditpack collect`: the evidence of all ten controls, in one package.
    struct Collect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Collect the evidence of the ten controls into a package (ZIP with manifest.json).",
            discussion: """
                Exit codes: 0 everything collected; 1 the package was written but some item is error, \
                forbidden or not_installed; 2 nothing could be collected (bad kubeconfig, unreachable \
                cluster, bad flags).
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var output: CollectOutputOptions

        @Option(help: "Upload the package to s3://BUCKET/PREFIX after writing it (see `auditpack upload --help`).")
        var upload: String?

        @OptionGroup var uploadOptions: UploadOptions

        @OptionGroup var fleet: FleetOptions

        func validate() throws {
            if let upload { _ = try S3Location(parsing: upload) }
            if isFleet {
                guard output.output == nil, output.previous == nil else {
                    throw ValidationError(
                        "With several clusters, use --output-dir and --chain-from instead of --output and --previous."
                    )
                }
                guard upload == nil else {
                    throw ValidationError("--upload takes one cluster; upload fleets with `auditpack upload`.")
                }
            }
        }

        var isFleet: Bool { connection.contexts.count > 1 || fleet.allContexts }

        func run() async throws {
            if isFleet { return try await runFleet() }
            MemoryTuning.returnFreedMemory()
            let logger = global.makeLogger()
            WorkFolder.installSignalCleanup()
            // Working files are private (0600 in a 0700 folder); the package gets the usual mode.
            let userMask = umask(0o077)
            let result = try await CLIExit.guarding {
                try await CollectWorkflow.run(try output.request(connection: connection), logger: logger)
            }
            chmod(result.package.path, 0o666 & ~userMask)
            output.print(result)
            var failed = result.incomplete.contains(where: { $0.status != .notApplicable })
            if let upload {
                do {
                    let uploaded = try await UploadWorkflow.uploadCollected(
                        result.package,
                        request: uploadOptions.request(destination: upload),
                        logger: logger
                    )
                    if !output.quiet && !output.json {
                        print(UploadText.line(uploaded.receipt) + "\nReceipt: \(uploaded.file.path)")
                    }
                } catch {
                    CLIExit.warn("error: \(CLIExit.describe(error))")
                    failed = true
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}

/// The flags `collect` shares with `demo`.
struct CollectOutputOptions: ParsableArguments {
    @Option(help: "Package path (default: ./audit-evidence-<cluster>-<UTC time>.zip).")
    var output: String?

    @Option(help: "Comma-separated control ids to collect, e.g. C01,C05 (default: all ten).")
    var controls: String?

    @Option(help: "Name prefix of the kube-bench Job to read (C08).")
    var kubeBenchJob = "kube-bench"

    @Option(parsing: .upToNextOption, help: "Trivy JSON reports to import into C04 (trivy image --format json).")
    var trivyReport: [String] = []

    @Option(
        help: "Ed25519 private key (from `auditpack keygen`) to sign the package with; or set AUDITPACK_SIGNING_KEY."
    )
    var signingKey: String?

    @Option(help: "The previous package of a series: its manifest hash is recorded, linking the two.")
    var previous: String?

    @Flag(help: "Replace the --output file if it exists (never a file this command reads).")
    var force = false

    @Flag(help: "Print only the package path.")
    var quiet = false

    @Flag(help: "Print a machine-readable summary (JSON) on stdout.")
    var json = false

    func validate() throws {
        if let ids = controlIDs {
            let known = (try? Catalog.builtIn().controls.map(\.id)) ?? []
            guard !ids.isEmpty else {
                throw ValidationError("--controls names no control; name some of \(known.joined(separator: ", ")).")
            }
            let unknown = ids.filter { !known.contains($0) }
            guard unknown.isEmpty else {
                throw ValidationError(
                    "Unknown control id(s) \(unknown.joined(separator: ", ")); known: \(known.joined(separator: ", "))."
                )
            }
        }
        for report in trivyReport where !FileManager.default.isReadableFile(atPath: report) {
            throw ValidationError("--trivy-report \(report) cannot be read.")
        }
        if let previous, !FileManager.default.isReadableFile(atPath: previous) {
            throw ValidationError("--previous \(previous) cannot be read.")
        }
        guard !(quiet && json) else { throw ValidationError("Use either --quiet or --json, not both.") }
    }

    /// The ids `--controls` names (empty entries dropped), or nil for all.
    var controlIDs: [String]? {
        controls.map {
            $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
        }
    }

    func request(connection: ConnectionOptions, kubeconfig: String? = nil) throws -> CollectWorkflow.Request {
        var collection = CollectionOptions()
        collection.controls = controlIDs.map(Set.init)
        collection.kubeBenchJobPrefix = kubeBenchJob
        collection.trivyReports = trivyReport.map { URL(fileURLWithPath: $0) }
        collection.trivyExecutable = Executables.find("trivy")
        if !quiet && !json {
            collection.progress = { entry in
                Swift.print(ProgressText.line(entry))
            }
        }
        var request = CollectWorkflow.Request(
            kubeconfig: kubeconfig ?? connection.kubeconfig,
            context: connection.context,
            output: output.map { URL(fileURLWithPath: $0) },
            clientOptions: connection.clientOptions,
            collection: collection
        )
        let keyPath = signingKey ?? ProcessInfo.processInfo.environment["AUDITPACK_SIGNING_KEY"]
        request.signingKey = try keyPath.map { try SigningKey.load(path: $0) }
        request.signingKeyPath = keyPath
        request.previous = previous.map { URL(fileURLWithPath: $0) }
        request.force = force
        return request
    }

    func print(_ result: CollectWorkflow.Result) {
        if quiet {
            Swift.print(result.package.path)
        } else if json {
            Swift.print(ProgressText.json(result))
        } else {
            Swift.print(ProgressText.summary(result))
            Swift.print("\n" + VerdictText.summary(result.findings))
        }
    }
}
