import ArgumentParser
import Foundation
import Packaging
import Workflows

extension AuditPack {
    /// `auditpack verify`: integrity, signature and chain of packages, without extracting them.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify packages: every file's sha256 and size, nothing added, the signature, and chain links.",
            discussion: "Exit codes: 0 intact (and signed by the trusted key, if one was given); 1 tampered, missing, "
                + "unexpected or bad signature; 2 unreadable or not an AuditPack package."
        )

        @Argument(help: "Package(s) to verify; with --chain, in collection order.")
        var packages: [String]

        @OptionGroup var trust: TrustOptions

        @Flag(help: "Also check that each package links to the one before it (hash chain).")
        var chain = false

        @Flag(help: "Print the result as JSON.")
        var json = false

        func validate() throws {
            guard !packages.isEmpty else { throw ValidationError("Name at least one package.") }
            if chain && packages.count < 2 { throw ValidationError("--chain needs at least two packages.") }
        }

        func run() async throws {
            let outcome = try await CLIExit.guarding {
                try VerifyWorkflow.run(
                    packages: packages.map { URL(fileURLWithPath: $0) },
                    publicKey: trust.publicKey,
                    trustedFingerprint: trust.trustedFingerprint,
                    chain: chain
                )
            }
            print(json ? VerifyText.json(outcome) : VerifyText.text(outcome))
            if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
        }
    }
}

enum VerifyText {
    static func text(_ outcome: VerifyWorkflow.Outcome) -> String {
        var lines: [String] = []
        for report in outcome.reports {
            lines.append("\(report.package)")
            for file in report.files {
                lines.append("  \(file.ok ? "✓" : "✗") \(file.name)\(file.reason.map { "  — \($0)" } ?? "")")
            }
            for problem in report.problems { lines.append("  ✗ \(problem)") }
            lines.append("  signature: \(report.signature.message)")
            lines.append("  verdict: \(report.verdict.rawValue.uppercased())")
        }
        for link in outcome.links {
            lines.append("\(link.ok ? "✓" : "✗") chain \(link.from) → \(link.to)\(link.reason.map { ": \($0)" } ?? "")")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ outcome: VerifyWorkflow.Outcome) -> String {
        struct Document: Encodable {
            var packages: [VerificationReport]
            var chain: [PackageChain.LinkCheck]
            var exitCode: Int32
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data =
            (try? encoder.encode(Document(packages: outcome.reports, chain: outcome.links, exitCode: outcome.exitCode)))
            ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
