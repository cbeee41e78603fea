import ArgumentParser
import Foundation
import Workflows

extension AuditPack {
    /// `auditpack fleet`: the control × cluster matrix from existing packages.
    struct Fleet: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Summarise packages from many clusters: verdicts per control and cluster (latest per cluster).",
            discussion: "Exit codes: 0 every cluster's latest package is complete; 1 some cluster is partial or a "
                + "package does not verify; 2 no package could be read."
        )

        @Argument(help: "Packages (several per cluster are fine: the latest of each cluster is used).")
        var packages: [String]

        @Option(help: "text, json or html.")
        var format: String = "text"

        @Option(help: "Write to this file instead of standard output (never over an existing file).")
        var output: String?

        @OptionGroup var trust: TrustOptions

        func validate() throws {
            guard !packages.isEmpty else { throw ValidationError("Name at least one package.") }
            guard ["text", "json", "html"].contains(format) else {
                throw ValidationError("--format \(format) is not text, json or html.")
            }
        }

        func run() async throws {
            let summary = try await CLIExit.guarding {
                FleetWorkflow.summarize(packages: packages.map { URL(fileURLWithPath: $0) }, trust: try trust.resolve())
            }
            let data: Data
            switch format {
            case "json": data = try summary.json()
            case "html": data = Data(summary.html().utf8)
            default: data = Data(summary.text().utf8)
            }
            if let output {
                try await CLIExit.guarding { try OutputFile.write(data, to: URL(fileURLWithPath: output)) }
            } else {
                print(String(decoding: data, as: UTF8.self), terminator: "")
            }
            let outcome = FleetWorkflow.Outcome(summary: summary, summaryFiles: [])
            if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        }
    }
}
