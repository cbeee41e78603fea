import AuditPackCore
import Foundation
import Testing

/// A broken catalog fails when it loads, naming what is wrong and where, never half-way through a collection.
@Suite("catalog: validated at load")
struct CatalogValidationTests {
    static let text: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/AuditPackCore/Resources/catalog.yaml")
        return try! String(contentsOf: url, encoding: .utf8)
    }()

    /// The shipped catalog with `old` replaced by `new` (which must occur exactly once).
    static func mutated(_ old: String, _ new: String) -> String {
        #expect(text.components(separatedBy: old).count == 2, "\(old) occurs once in catalog.yaml")
        return text.replacingOccurrences(of: old, with: new)
    }

    @Test func theShippedCatalogLoads() throws {
        let catalog = try Catalog.builtIn()
        #expect(catalog.rules.count >= 35)
        #expect(catalog.frameworks.map(\.name) == ["soc2", "iso27001", "pci-dss", "nist-800-53"])
        for threshold in Threshold.allCases {
            #expect(catalog.thresholdValue(threshold).kind == threshold.kind, "\(threshold.rawValue)")
        }
        #expect(catalog.names(.c09SecurityWebhookPatterns).contains("opa"), "C09's patterns come from the catalog")
        #expect(catalog.names(.c03SystemSubjectPrefixes) == ["system:", "kubeadm:"])
        #expect(catalog.number(.c07MinAuditLogMaxageDays) == 30)
    }

    @Test(arguments: [
        (
            "source: {kind: pss-text}", "source: {kind: pss-txt}",
            "controls[4].evidence[0].source.kind: unknown source kind pss-txt (known: list, group-lists"
        ),
        ("  pss-text:\n    reads:", "  pss-texts:\n    reads:", "source_kinds declares pss-texts, which no collector"),
        ("  - id: C02\n    title:", "  - id: C01\n    title:", "control id C01 appears twice"),
        ("      - id: C01b\n", "      - id: C01\n", "evidence C01 (C01b-namespaces.json) repeats an id or file name"),
        ("file: C05-namespace-pss-labels.txt", "file: \"\"", "evidence C05 has no file name"),
        ("        file: C05-namespace-pss-labels.txt\n", "", "controls[4].evidence[0] has no file; add it"),
        (
            "      - id: C01.no-default-deny-egress\n", "      - id: C01.no-default-deny-ingress\n",
            "rule id C01.no-default-deny-ingress appears twice"
        ),
        (
            "      - id: C02.encryption-provider-config-missing\n",
            "      - id: C03.encryption-provider-config-missing\n",
            "rule C03.encryption-provider-config-missing of control C02 must be named C02.<name>"
        ),
        (
            "      - id: C07.audit-retention-short\n        severity: low",
            "      - id: C07.audit-retention-short\n        severity: info",
            "rule C07.audit-retention-short has severity info; use one of critical, high, medium, low"
        ),
        ("      max_high: 10\n", "", "control C04 has no threshold max_high, which AuditPack reads"),
        ("      max_high: 10\n", "      max_high: [ten]\n", "threshold C04.max_high must be a number such as 30"),
        (
            "      max_high: 10\n", "      max_high: 10\n      max_medium: 20\n",
            "threshold C04.max_medium is read by no code"
        ),
        ("      min_audit_log_maxage_days: 30\n", "", "control C07 has no threshold min_audit_log_maxage_days"),
        ("        covered_by: C04b\n", "        covered_by: C04z\n", "evidence C04c is covered_by C04z, which is not"),
        (
            "      pci_dss: [\"3.5.1\"]\n", "      pci: [\"3.5.1\"]\n",
            "control C02 maps to framework pci, which frameworks: does not declare"
        ),
        ("requires: [C02]", "requires: [C99]", "control C07 requires evidence C99, which no control collects"),
    ])
    func aBrokenCatalogFailsAtLoad(old: String, new: String, expected: String) throws {
        let yaml = Self.mutated(old, new)
        let error = #expect(throws: CatalogError.self) { try Catalog.load(yaml: yaml, file: "catalog.yaml") }
        #expect(error?.description.contains(expected) == true, "\(error?.description ?? "no error")")
        #expect(error?.description.contains("catalog.yaml") == true)
    }

    @Test func aControlWithoutRulesFailsAtLoad() throws {
        // C02 has exactly one rule: remove its rules block.
        let start = try #require(Self.text.range(of: "    rules:\n      - id: C02.encryption-provider-config-missing"))
        let end = try #require(
            Self.text.range(of: "    managed_control_plane_note:", range: start.upperBound..<Self.text.endIndex)
        )
        var yaml = Self.text
        yaml.removeSubrange(start.lowerBound..<end.lowerBound)
        let error = #expect(throws: CatalogError.self) { try Catalog.load(yaml: yaml, file: "catalog.yaml") }
        #expect(error?.description.contains("controls[1] has no rules; add it") == true, "\(error?.description ?? "")")
    }

    @Test func unknownFrameworksAreRefusedWithTheKnownNames() throws {
        let catalog = try Catalog.builtIn()
        #expect(try catalog.framework(named: "pci-dss").id == "pci_dss")
        let error = #expect(throws: CatalogError.self) { try catalog.framework(named: "nist") }
        #expect(error?.description.contains("soc2, iso27001, pci-dss, nist-800-53") == true)
    }
}
