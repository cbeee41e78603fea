import ArgumentParser
import Foundation
import Packaging
import Reports
import Workflows

extension AuditPack {
    /// `auditpack report`: time-to-evidence, gaps, remediation backlog and framework view.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report time-to-evidence, gaps and a remediation backlog for a package.",
            discussion: """
                The policy file (YAML) sets owners, priorities and due dates of backlog items: default_owner, \
                owners {C03: security-team}, priorities {critical: P1, …}, due_days {critical: 7, …}, \
                due_dates {C06: 2026-04-15}. Its evaluation keys (see `auditpack evaluate --help`) change the \
                findings the report shows.
                """
        )

        @Argument(help: "The package to report on.")
        var package: String

        @Option(help: "text, markdown, json, csv (the backlog), html, oscal (assessment results) or oscal-plan.")
        var format: ReportFormat = .text

        @Option(help: "Policy file (YAML): owners, priorities, due dates; thresholds and rule settings.")
        var policy: String?

        @Option(help: "Group results by soc2, iso27001, pci-dss or nist-800-53 (with oscal: name 800-53 controls).")
        var framework: String?

        @Option(help: "Write to this file (atomically) instead of standard output.")
        var output: String?

        @Flag(help: "Replace the --output file if it exists (never the package or the policy file).")
        var force = false

        @OptionGroup var trust: TrustOptions

        func run() async throws {
            if let output {
                try await CLIExit.guarding {
                    try OutputFile.check(
                        URL(fileURLWithPath: output),
                        force: force,
                        inputs: [OutputFile.Input(flag: "package", path: package)]
                            + (policy.map { [OutputFile.Input(flag: "--policy", path: $0)] } ?? [])
                    )
                }
            }
            let (text, originChecked) = try await CLIExit.guarding {
                let trusted = try trust.resolve()
                let text = try ReportWorkflow.run(
                    package: URL(fileURLWithPath: package),
                    format: format,
                    policyFile: policy,
                    framework: framework,
                    trust: trusted
                )
                return (text, !trusted.isNone)
            }
            if !originChecked { CLIExit.warn(TrustedKey.uncheckedWarning) }
            guard let output else {
                print(text, terminator: "")
                return
            }
            try await CLIExit.guarding {
                try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: output), permissions: 0o644)
            }
            print("Report written to \(output)")
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}
