import AuditPackCore
import Foundation
import Testing

@testable import Reports

/// The report's effective-permissions view keeps `limit` rows per permission however many subjects hold it,
/// and counts them all, so report memory stays flat on large clusters while the evidence file keeps every row.
@Suite("reports: effective-permissions view is capped and counted")
struct PermissionsViewTests {
    static func subject(_ index: Int) throws -> EffectivePermissions.Subject {
        let json = """
            {"kind": "SubjectPermissions", "metadata": {"name": "Group:team-\(index)"},
             "subject": {"kind": "Group", "name": "team-\(index)"}, "who": "human",
             "permissions": [
               {"permission": "read-secrets", "rule": "C03.can-read-secrets", "namespace": "ns-\(index)",
                "reach": "all", "grantedBy": [{"binding": "RoleBinding ns-\(index)/edit", "role": "ClusterRole edit"}]}
             ]}
            """
        return try JSONDecoder().decode(EffectivePermissions.Subject.self, from: Data(json.utf8))
    }

    @Test func keepsTheFirstRowsAndCountsTheRest() throws {
        var view = AuditReport.PermissionsView(limit: 3, source: "C03f")
        for index in 0..<10 { view.add(try Self.subject(index)) }
        #expect(view.counts[.readSecrets] == 10)
        #expect(view.rows[.readSecrets]?.map(\.subject.name) == ["team-0", "team-1", "team-2"])
        #expect(view.rows[.execIntoPods] == nil)
    }
}
