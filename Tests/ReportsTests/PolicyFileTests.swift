import AuditPackCore
import Evaluation
import Foundation
import Reports
import Testing

@Suite("policy file: parsing and clear rejections")
struct PolicyFileTests {
    let catalog = try! Catalog.builtIn()

    func backlog(_ yaml: String) throws -> BacklogPolicy {
        try BacklogPolicy.parse(yaml: yaml, file: "policy.yaml", catalog: catalog)
    }

    func evaluation(_ yaml: String) throws -> EvaluationPolicy {
        try EvaluationPolicy(catalog: catalog, file: PolicyFile.parse(yaml: yaml, file: "policy.yaml"))
    }

    static let both = """
        default_owner: sre
        owners: {C03: security-team}
        priorities: {critical: P0}
        due_days: {high: 10}
        due_dates: {C06: 2026-04-15}
        thresholds: {C10: {expiry_warning_days: 45}, C05: {privileged_allowed: [kube-system, kube-bench]}}
        rules:
          C04.stale-scan-report: {severity: low, reason: weekly rescans are accepted}
          C01.no-default-deny-egress: {disabled: true, reason: egress is filtered by the VPC firewall}
        """

    @Test func oneFileCarriesTheBacklogAndTheEvaluationParts() throws {
        let policy = try backlog(Self.both)
        #expect(policy.owner(for: "C03") == "security-team" && policy.owner(for: "C01") == "sre")
        #expect(policy.priorities["critical"] == "P0" && policy.priorities["high"] == "P1")
        #expect(policy.dueDays["high"] == 10)
        #expect(policy.dueDates["C06"] == "2026-04-15")

        let evaluation = try evaluation(Self.both)
        #expect(evaluation.number(.c10ExpiryWarningDays) == 45)
        #expect(evaluation.names(.c05PrivilegedAllowed) == ["kube-system", "kube-bench"])
        #expect(evaluation.number(.c04MaxHigh) == 10, "the catalog's default where the policy says nothing")
        #expect(evaluation.severity(of: "C04.stale-scan-report") == .low)
        #expect(evaluation.disabledRules["C01.no-default-deny-egress"] == "egress is filtered by the VPC firewall")
        let record = try #require(evaluation.record)
        #expect(record.file == "policy.yaml" && record.sha256.count == 64)
        #expect(record.thresholds["C10.expiry_warning_days"] == .number(45))
        #expect(record.rules.map(\.rule) == ["C01.no-default-deny-egress", "C04.stale-scan-report"])
        #expect(record.rules.last?.originalSeverity == .medium && record.rules.last?.severity == .low)
    }

    @Test(arguments: [
        ("owners: {C11: team}", "unknown control C11"),
        ("due_dates: {C06: 2026-13-45}", "expected a date like 2026-04-15"),
        ("due_dates: {C06: next week}", "expected a date like 2026-04-15"),
        ("priorities: {urgent: P0}", "unknown severity urgent"),
        ("due_days: {high: -3}", "due_days.high has an invalid value"),
        ("owner: team", "unknown key owner"),
        ("[1, 2]", "the top level is not a mapping"),
    ])
    func rejectsBadBacklogInput(yaml: String, expected: String) throws {
        let error = #expect(throws: PolicyError.self) { try backlog(yaml) }
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("policy.yaml") == true)
    }

    @Test(arguments: [
        ("thresholds: {C10: 45}", "thresholds.C10 must map threshold names to values"),
        ("thresholds: {C11: {x: 1}}", "unknown control C11"),
        (
            "thresholds: {C10: {expiry_days: 45}}",
            "thresholds.C10.expiry_days is not a threshold of C10 (known: expiry_warning_days)"
        ),
        ("thresholds: {C02: {anything: 1}}", "is not a threshold of C02 (it has none)"),
        ("thresholds: {C10: {expiry_warning_days: soon}}", "thresholds.C10.expiry_warning_days must be a number"),
        ("thresholds: {C10: {expiry_warning_days: -1}}", "thresholds.C10.expiry_warning_days must be a number"),
        ("thresholds: {C01: {require_default_deny_egress: 1}}", "must be true or false"),
        ("thresholds: {C05: {privileged_allowed: kube-system}}", "must be a list of names"),
        ("thresholds: {C06: {secret_name_patterns: [PASSWORD]}}", "applied while collecting"),
        ("rules: {C04.stale: {severity: low}}", "unknown rule C04.stale (rules of C04: C04.image-not-scanned"),
        ("rules: {C04.stale-scan-report: low}", "rules.C04.stale-scan-report must be a mapping"),
        ("rules: {C04.stale-scan-report: {severity: urgent}}", "severity must be one of critical, high, medium, low"),
        ("rules: {C04.stale-scan-report: {disabled: true}}", "disables the rule without a reason; add reason:"),
        ("rules: {C04.stale-scan-report: {disabled: true, reason: \"  \"}}", "without a reason"),
        ("rules: {C04.stale-scan-report: {disabled: yes please, reason: x}}", "disabled must be true or false"),
        ("rules: {C04.stale-scan-report: {owner: me}}", "rules.C04.stale-scan-report.owner is not a rule setting"),
        ("rules: {C04.stale-scan-report: {reason: because}}", "changes nothing"),
    ])
    func rejectsBadEvaluationInput(yaml: String, expected: String) throws {
        let error = #expect(throws: PolicyError.self) { try evaluation(yaml) }
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("policy.yaml") == true)
    }
}
