import Foundation
import TestSupport
import Testing

/// `auditpack controls --framework nist-800-53` lists the catalog's NIST SP 800-53 mapping.
@Suite struct ControlsCLITests {
    static let binary = Tools.auditpack

    @Test func controlsListsTheNIST80053Mapping() throws {
        let result = try Tools.runCapturing(Self.binary, ["controls", "--framework", "nist-800-53"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let c01 = try #require(lines.firstIndex { $0.hasPrefix("C01 ") })
        #expect(lines[c01 + 2].trimmingCharacters(in: .whitespaces) == "SC-7, SC-7(5), AC-4")
        let all = try Tools.runCapturing(Self.binary, ["controls"])
        #expect(all.stdout.contains("NIST SP 800-53 Rev. 5: SC-28, SC-28(1)"))
        let refused = try Tools.runCapturing(Self.binary, ["controls", "--framework", "nist"])
        #expect(refused.status != 0)
    }
}
