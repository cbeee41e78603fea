import ArgumentParser
import AuditPackCore
import Foundation
import Reports
import Workflows

extension AuditPack {
    /// `auditpack timeline`: one cluster's series of packages over an observation window.
    struct Timeline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read one cluster's packages as a series: runs, hash chain, missed runs, control history.",
            discussion: """
                Every package is verified first. Runs are ordered by collection time; the chain is checked link by \
                link; a gap longer than 1.5 × --expect-every counts as missed runs; each control gets the share of \
                runs it passed and the intervals in which it did not.
                Exit codes: 0 the chain is intact and no run was missed; 1 the chain is broken or runs were missed; \
                2 a package is unreadable or does not verify, or the packages come from different clusters.
                """
        )

        @Argument(help: "The packages of the series (any order).")
        var packages: [String] = []

        @Option(help: "Read every .zip in this folder instead of listing packages.")
        var directory: String?

        @Option(help: "How often a run is expected: a number and s, m, h, d or w (default 24h).")
        var expectEvery = "24h"

        @Option(help: "Only runs collected at or after this time (ISO 8601).")
        var from: String?

        @Option(help: "Only runs collected at or before this time (ISO 8601).")
        var to: String?

        @Option(help: "text, markdown, json or html.")
        var format: ViewFormat = .text

        @Option(help: "Write to this file (atomically) instead of standard output.")
        var output: String?

        @Flag(help: "Replace the --output file if it exists (never a package or the key file).")
        var force = false

        @OptionGroup var trust: TrustOptions

        func validate() throws {
            guard packages.isEmpty != (directory == nil) else {
                throw ValidationError("Name the packages, or a folder with --directory (not both).")
            }
            guard RunInterval.parse(expectEvery) != nil else {
                throw ValidationError("--expect-every \(expectEvery) is not a number and unit such as 24h, 12h, 7d.")
            }
            for (flag, value) in [("--from", from), ("--to", to)] {
                if let value, Timestamp.parse(value) == nil {
                    throw ValidationError("\(flag) \(value) is not an ISO 8601 time such as 2026-12-01T00:00:00Z.")
                }
            }
            if let from, let to, let start = Timestamp.parse(from), let end = Timestamp.parse(to), start > end {
                throw ValidationError("--from \(from) is after --to \(to).")
            }
        }

        func run() async throws {
            let (timeline, text, originChecked) = try await CLIExit.guarding {
                let urls =
                    try directory.map { try TimelineWorkflow.packages(in: URL(fileURLWithPath: $0)) }
                    ?? packages.map { URL(fileURLWithPath: $0) }
                if let output {
                    let inputs =
                        urls.map { OutputFile.Input(flag: "package", path: $0.path) }
                        + (trust.publicKey.map { [OutputFile.Input(flag: "--public-key", path: $0)] } ?? [])
                    try OutputFile.check(URL(fileURLWithPath: output), force: force, inputs: inputs)
                }
                let trusted = try trust.resolve()
                let timeline = try TimelineWorkflow.run(
                    TimelineWorkflow.Request(
                        packages: urls,
                        expectEvery: expectEvery,
                        from: from.flatMap(Timestamp.parse),
                        to: to.flatMap(Timestamp.parse),
                        trust: trusted
                    )
                )
                return (timeline, try timeline.render(format), !trusted.isNone)
            }
            if !originChecked { CLIExit.warn(TrustedKey.uncheckedWarning) }
            if let output {
                try await CLIExit.guarding {
                    try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: output), permissions: 0o644)
                }
                print("Timeline written to \(output): \(timeline.headline)")
            } else {
                print(text, terminator: "")
            }
            if timeline.hasGaps { throw ExitCode(1) }
        }
    }
}
