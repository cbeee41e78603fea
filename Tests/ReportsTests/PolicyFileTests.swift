import AuditPackCore
import Foundation
import Reports
import Testing

@Suite("policy file: parsing and clear rejections")
struct PolicyFileTests {
    let catalog = try! Catalog.builtIn()

    func parse(_ yaml: String) throws -> RemediationPolicy {
        try RemediationPolicy.parse(yaml: yaml, file: "policy.yaml", catalog: catalog)
    }

    @Test func readsEverySection() throws {
        let policy = try parse(
            """
            default_owner: sre
            owners: {C03: security-team}
            priorities: {critical: P0}
            due_days: {high: 10}
            due_dates: {C06: 2026-04-15}
            thresholds: {C10: {expiry_warning_days: 45}, C05: {privileged_allowed: [kube-system, kube-bench]}}
            """
        )
        #expect(policy.owner(for: "C03") == "security-team" && policy.owner(for: "C01") == "sre")
        #expect(policy.priorities["critical"] == "P0" && policy.priorities["high"] == "P1")
        #expect(policy.dueDays["high"] == 10)
        #expect(policy.dueDates["C06"] == "2026-04-15")
        #expect(policy.thresholds["C10"]?["expiry_warning_days"] == .number(45))
        #expect(policy.thresholds["C05"]?["privileged_allowed"] == .names(["kube-system", "kube-bench"]))
    }

    @Test(arguments: [
        ("owners: {C11: team}", "unknown control C11"),
        ("due_dates: {C06: 2026-13-45}", "expected a date like 2026-04-15"),
        ("due_dates: {C06: next week}", "expected a date like 2026-04-15"),
        ("priorities: {urgent: P0}", "unknown severity urgent"),
        ("due_days: {high: -3}", "due_days.high has an invalid value"),
        ("owner: team", "unknown key owner"),
        ("thresholds: {C10: 45}", "thresholds.C10 has an invalid value"),
        ("[1, 2]", "the top level is not a mapping"),
    ])
    func rejectsBadInput(yaml: String, expected: String) throws {
        let error = #expect(throws: PolicyError.self) { try parse(yaml) }
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("policy.yaml") == true)
    }
}
