import ArgumentParser
import Foundation
import Reports
import Workflows

extension AuditPack {
    /// `auditpack diff OLD NEW`: verdicts, findings and evidence that changed between two packages.
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what changed between two packages: verdicts, findings and evidence objects.",
            discussion: """
                Both packages are verified first. Findings match by control, rule and object (kind, namespace, \
                name); evidence objects by kind, namespace and name, and count as changed when they differ after \
                dropping volatile fields (resourceVersion, generation, managedFields, status times).
                Exit codes: 0 the --fail-on condition does not hold; 1 it does; 2 a package is unreadable or does \
                not verify (or is not signed by the trusted key).
                """
        )

        @Argument(help: "The earlier package.")
        var old: String

        @Argument(help: "The later package.")
        var new: String

        @Option(help: "text, markdown, json or html.")
        var format: ViewFormat = .text

        @Option(help: "Exit 1 on new-findings (default), verdict-regression or any-change.")
        var failOn: DiffFailOn = .newFindings

        @Option(help: "Write to this file (atomically) instead of standard output.")
        var output: String?

        @Flag(help: "Replace the --output file if it exists (never a package or the key file).")
        var force = false

        @OptionGroup var trust: TrustOptions

        func run() async throws {
            let inputs =
                [OutputFile.Input(flag: "OLD package", path: old), OutputFile.Input(flag: "NEW package", path: new)]
                + (trust.publicKey.map { [OutputFile.Input(flag: "--public-key", path: $0)] } ?? [])
            let (diff, text, originChecked) = try await CLIExit.guarding {
                if let output { try OutputFile.check(URL(fileURLWithPath: output), force: force, inputs: inputs) }
                let trusted = try trust.resolve()
                let diff = try DiffWorkflow.run(
                    old: URL(fileURLWithPath: old),
                    new: URL(fileURLWithPath: new),
                    trust: trusted
                )
                return (diff, try diff.render(format), !trusted.isNone)
            }
            if !originChecked { CLIExit.warn(TrustedKey.uncheckedWarning) }
            for warning in diff.warnings { CLIExit.warn("warning: \(warning)") }
            if let output {
                try await CLIExit.guarding {
                    try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: output), permissions: 0o644)
                }
                print("Diff written to \(output): \(diff.headline)")
            } else {
                print(text, terminator: "")
            }
            if diff.holds(failOn) { throw ExitCode(1) }
        }
    }
}

extension ViewFormat: ExpressibleByArgument {}
extension DiffFailOn: ExpressibleByArgument {}
