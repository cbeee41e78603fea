import ArgumentParser
import AuditPackCore
import Evaluation
import Foundation
import Workflows

extension AuditPack {
    /// `auditpack evaluate`: re-performs the assessment offline, from the package alone.
    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-perform the assessment from a package alone (after verifying it), offline.",
            discussion: """
                Exit codes: 0 every control passes; 1 some control fails, warns or could not be assessed; \
                2 the package is unreadable, does not verify, or the policy file is invalid.

                A policy file (YAML) may override thresholds, thresholds {C10: {expiry_warning_days: 45}}, and \
                change rules: rules {C04.stale-scan-report: {severity: low}, \
                C01.no-default-deny-egress: {disabled: true, reason: "egress filtered by the VPC firewall"}}. \
                Rule ids, severities and thresholds: `auditpack controls`. findings.json records the file's name, \
                SHA-256 and every change; a disabled rule's findings do not count toward the verdict.
                """
        )

        @Argument(help: "The package to evaluate.")
        var package: String

        @Option(help: "Evaluate as of this time (ISO 8601, e.g. 2026-12-01T00:00:00Z); default: the collection time.")
        var at: String?

        @Option(help: "Policy file: thresholds, rule severities, disabled rules (with reasons); described above.")
        var policy: String?

        @Flag(help: "Print findings.json instead of the summary.")
        var json = false

        @OptionGroup var trust: TrustOptions

        func validate() throws {
            if let at, Timestamp.parse(at) == nil {
                throw ValidationError("--at \(at) is not an ISO 8601 time such as 2026-12-01T00:00:00Z.")
            }
        }

        func run() async throws {
            let outcome = try await CLIExit.guarding {
                try EvaluateWorkflow.run(
                    package: URL(fileURLWithPath: package),
                    at: at.flatMap(Timestamp.parse),
                    policyFile: policy,
                    trust: try trust.resolve()
                )
            }
            if !outcome.originChecked { CLIExit.warn(TrustedKey.uncheckedWarning) }
            if json {
                print(String(decoding: try outcome.findings.encoded(), as: UTF8.self), terminator: "")
            } else {
                print(VerdictText.summary(outcome.findings))
                if let matches = outcome.matchesStored {
                    print(
                        matches
                            ? "\nSame verdicts and findings as the package's findings.json (collection time)."
                            : "\nDiffers from the package's findings.json (different --at, policy, or AuditPack version)."
                    )
                }
            }
            if outcome.findings.controls.contains(where: { $0.verdict != .pass }) { throw ExitCode(1) }
        }
    }
}

/// One line per control: verdict and the count of findings by severity.
enum VerdictText {
    static func summary(_ findings: FindingsDocument) -> String {
        var lines = ["Verdicts (as of \(findings.evaluatedAt))"]
        for result in findings.controls {
            let mark: String
            switch result.verdict {
            case .pass: mark = "✓"
            case .warn: mark = "!"
            case .fail: mark = "✗"
            case .notAssessed: mark = "–"
            }
            let counts = Dictionary(grouping: result.findings, by: \.severity).sorted { $0.key > $1.key }
                .map { "\($0.value.count) \($0.key.rawValue)" }.joined(separator: ", ")
            let disabled = (result.disabledRules ?? []).map { "\($0.rule) disabled by policy: \($0.reason)" }
            let detail = ([result.verdict == .notAssessed ? result.reason ?? "" : counts] + disabled)
                .filter { !$0.isEmpty }.joined(separator: "; ")
            lines.append(
                "\(mark) \(result.id) \(result.verdict.rawValue.uppercased())\(detail.isEmpty ? "" : "  \(detail)")"
            )
        }
        return lines.joined(separator: "\n")
    }
}
