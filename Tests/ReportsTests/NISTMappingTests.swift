import AuditPackCore
import Foundation
import Reports
import Testing

/// The NIST SP 800-53 Rev. 5 mapping lives in the catalog; reports group by it and the OSCAL ids follow NIST's.
@Suite struct NISTMappingTests {
    let catalog = try! Catalog.builtIn()

    @Test func everyControlMapsToNIST80053AsTheIssueNamesThem() {
        #expect(catalog.controls.allSatisfy { !($0.frameworks["nist_800_53"] ?? []).isEmpty })
        let mapping = Dictionary(
            uniqueKeysWithValues: catalog.controls.map { ($0.id, $0.frameworks["nist_800_53"] ?? []) }
        )
        #expect(mapping["C01"]?.contains("SC-7") == true, "network segmentation → boundary protection")
        #expect(mapping["C02"]?.contains("SC-28") == true, "encryption at rest")
        #expect(mapping["C03"]?.contains("AC-6") == true, "least privilege")
        #expect(mapping["C04"]?.contains("RA-5") == true, "vulnerability scanning")
        #expect(mapping["C05"]?.contains("CM-6") == true && mapping["C05"]?.contains("CM-7") == true)
        #expect(mapping["C07"]?.contains("AU-2") == true && mapping["C07"]?.contains("AU-12") == true)
        #expect(mapping["C10"]?.contains("SC-12") == true && mapping["C10"]?.contains("SC-17") == true)
    }

    @Test func aMalformedNISTIdIsRejectedNamingTheControl() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/AuditPackCore/Resources/catalog.yaml")
        let yaml = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: #"nist_800_53: ["SC-28", "SC-28(1)"]"#, with: #"nist_800_53: ["sc-28"]"#)
        #expect(yaml.contains(#"["sc-28"]"#))
        let error = #expect(throws: CatalogError.self) { try Catalog.load(yaml: yaml, file: "catalog.yaml") }
        #expect(error?.description.contains("control C02 maps to \"sc-28\"") == true)
        #expect(error?.description.contains("SC-7(5)") == true, "says how to write it")
    }

    @Test func reportGroupsByNIST80053() throws {
        let view = ReportFixture.report(framework: "nist-800-53").frameworkView
        #expect(view.first { $0.requirement == "SC-7" }?.controls == ["C01"])
        #expect(view.first { $0.requirement == "SC-12" }?.controls == ["C10"])
        #expect(try catalog.framework(named: "nist-800-53").isNIST80053)
    }

    @Test func oscalControlIdsFollowNISTsCatalog() {
        #expect(OSCALExport.oscalControlID("SC-7") == "sc-7")
        #expect(OSCALExport.oscalControlID("SC-7(5)") == "sc-7.5")
        #expect(OSCALExport.oscalControlID("AC-6(10)") == "ac-6.10")
    }

    @Test func versionFiveUUIDsMatchRFC9562() {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        let uuid = DeterministicUUID.v5(namespace: DeterministicUUID.dnsNamespace, name: "python.org")
        #expect(uuid.uuidString.lowercased() == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
        #expect(DeterministicUUID.string("a") == DeterministicUUID.string("a"))
        #expect(DeterministicUUID.string("a") != DeterministicUUID.string("b"))
        // The direct text form is the UUID's own, lowercased (Python: uuid5(uuid5(NAMESPACE_DNS, "auditpack.dev"), n)).
        for name in ["", "a", "risk/C03/17", "é✓/😀", String(repeating: "x", count: 200)] {
            let expected = DeterministicUUID.v5(namespace: DeterministicUUID.auditPackNamespace, name: name)
            #expect(DeterministicUUID.string(name) == expected.uuidString.lowercased(), "\(name)")
        }
    }
}
