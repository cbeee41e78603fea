import AuditPackCore
import Foundation
import KubeEmulator
import TestSupport
import Testing

extension CLITests {
    /// Rules live in the catalog: `controls` lists them with their severity, and a policy file given to
    /// `evaluate` disables rules (with a reason findings.json records) or is refused naming the file and key.
    @Suite("auditpack: catalog rules and policy files")
    struct RulesCLITests {
        @Test func controlsJSONListsEveryRuleWithItsSeverity() async throws {
            let result = try await CLIProcess.run(["controls", "--json"])
            #expect(result.status == 0, "\(result.stderrText)")
            let json = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
            let controls = try #require(json["controls"] as? [[String: Any]])
            let listed = controls.flatMap { $0["rules"] as? [[String: Any]] ?? [] }
            let catalog = try Catalog.builtIn()
            #expect(listed.compactMap { $0["id"] as? String } == catalog.rules.map(\.id))
            #expect(listed.count >= 35)
            for rule in listed {
                let severity = rule["severity"] as? String ?? ""
                #expect(Severity(rawValue: severity) != nil, "\(rule["id"] ?? "?") has severity \(severity)")
                for field in ["title", "checks", "remediation"] {
                    #expect(!(rule[field] as? String ?? "").isEmpty, "\(rule["id"] ?? "?") has a \(field)")
                }
            }
            let text = try await CLIProcess.run(["controls"])
            #expect(text.stdoutText.contains("critical C02.encryption-provider-config-missing"))
        }

        @Test func aPolicyDisablesRulesWithAReasonAndBadPoliciesAreRefused() async throws {
            try await withEmulator { fixture in
                let session = CLISession(fixture)
                _ = try await session.collect(["--controls", "C03"])
                let plain = try await CLIProcess.run(["evaluate", session.package, "--json"])
                #expect(plain.status == 1, "C03 fails on the sample cluster (planted findings)")
                let findings = try #require(try JSONSerialization.jsonObject(with: plain.stdout) as? [String: Any])
                let c03 = try #require((findings["controls"] as? [[String: Any]])?.first)
                let fired = Set((c03["findings"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String })
                #expect(!fired.isEmpty)

                // Disable every rule that fired, each with its reason: C03 passes, and says why.
                let policy = try session.folder.write(
                    "exceptions.yaml",
                    "rules:\n"
                        + fired.sorted().map { "  \($0): {disabled: true, reason: \"accepted risk for \($0)\"}\n" }
                        .joined()
                )
                let excepted = try await CLIProcess.run(["evaluate", session.package, "--policy", policy, "--json"])
                #expect(excepted.status == 0, "\(excepted.stdoutText) \(excepted.stderrText)")
                let document = try #require(try JSONSerialization.jsonObject(with: excepted.stdout) as? [String: Any])
                let result = try #require((document["controls"] as? [[String: Any]])?.first)
                #expect(result["verdict"] as? String == "pass")
                #expect((result["findings"] as? [Any])?.isEmpty == true)
                let disabled = result["disabled_rules"] as? [[String: Any]] ?? []
                #expect(Set(disabled.compactMap { $0["rule"] as? String }) == fired)
                #expect(disabled.allSatisfy { ($0["reason"] as? String)?.hasPrefix("accepted risk for") == true })
                #expect(disabled.allSatisfy { ($0["findings"] as? Int ?? 0) > 0 })
                let record = document["policy"] as? [String: Any]
                #expect(record?["file"] as? String == "exceptions.yaml")
                #expect((record?["sha256"] as? String)?.count == 64)
                let summary = try await CLIProcess.run(["evaluate", session.package, "--policy", policy])
                #expect(summary.stdoutText.contains("disabled by policy: accepted risk for"))

                // Refused, exit 2, naming the file, the key and the fix.
                let cases = [
                    ("no-reason.yaml", "rules: {C03.anonymous-access: {disabled: true}}", "add reason:"),
                    ("unknown-threshold.yaml", "thresholds: {C03: {admin_roles: [x]}}", "thresholds.C03.admin_roles"),
                    ("unknown-rule.yaml", "rules: {C03.everything: {severity: low}}", "unknown rule C03.everything"),
                    ("wrong-type.yaml", "thresholds: {C04: {max_high: many}}", "must be a number"),
                ]
                for (name, yaml, expected) in cases {
                    let file = try session.folder.write(name, yaml)
                    let refused = try await CLIProcess.run(["evaluate", session.package, "--policy", file])
                    #expect(refused.status == 2, "\(name): \(refused.stdoutText)")
                    #expect(
                        refused.stderrText.contains(name) && refused.stderrText.contains(expected),
                        "\(refused.stderrText)"
                    )
                }
            }
        }
    }
}
