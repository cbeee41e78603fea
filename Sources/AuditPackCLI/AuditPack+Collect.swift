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
        @OptionGroup var options: CollectCommandOptions

        @Option(help: "Upload the package to s3://BUCKET/PREFIX after writing it (see `auditpack upload --help`).")
        var upload: String?

        @OptionGroup var uploadOptions: UploadOptions

        @OptionGroup var fleet: FleetOptions

        func validate() throws {
            if let upload {
                // A usage error (exit 2), not a failed run.
                do { _ = try S3Location(parsing: upload) } catch { throw ValidationError("--upload: \(error)") }
            }
            if isFleet {
                guard options.output == nil, options.previous == nil else {
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
                try await CollectWorkflow.run(try options.request(connection: connection), logger: logger)
            }
            chmod(result.package.path, 0o666 & ~userMask)
            options.print(result)
            var failed = result.incomplete.contains(where: { $0.status != .notApplicable })
            if let upload {
                do {
                    let uploaded = try await UploadWorkflow.uploadCollected(
                        result.package,
                        request: uploadOptions.request(destination: upload),
                        logger: logger
                    )
                    if !options.quiet && !options.json {
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
