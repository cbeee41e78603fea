import AuditPackCore
import Evaluation
import Foundation

extension AuditReport {
    /// The effective-permissions evidence (C03f) as the report shows it: who can read Secrets, exec into pods,
    /// escalate…, and the bindings that grant nothing because their role is missing.
    public struct PermissionsView: Sendable, Codable, Equatable {
        public var subjects: [EffectivePermissions.Subject]
        public var unresolved: [EffectivePermissions.Unresolved]
        /// The evidence item it was read from (`C03f`), or the items it was re-derived from.
        public var source: String
    }

    /// Reads C03f from the evidence; for a package without it, derives the same from C03a–C03d with the shared
    /// resolver. Nil when neither was collected.
    public static func permissions(_ evidence: EvidenceSet, catalog: Catalog) -> PermissionsView? {
        if evidence.state("C03f").status == .ok {
            var subjects: [EffectivePermissions.Subject] = []
            var unresolved: [EffectivePermissions.Unresolved] = []
            evidence.forEachItem("C03f", as: EffectivePermissions.Subject.self) { subjects.append($0) }
            evidence.forEachItem("C03f", as: EffectivePermissions.Unresolved.self) {
                if $0.kind == "UnresolvedBinding" { unresolved.append($0) }
            }
            subjects.removeAll { $0.kind != "SubjectPermissions" }
            return PermissionsView(subjects: subjects, unresolved: unresolved, source: "C03f")
        }
        guard evidence.missing(["C03a", "C03b", "C03c", "C03d"]) == nil else { return nil }
        var roles = RBACRoleIndex()
        evidence.forEachItem("C03c", as: RBACRole.self) { roles.addClusterRole($0) }
        evidence.forEachItem("C03d", as: RBACRole.self) { roles.addRole($0) }
        roles.resolve()
        var effective = EffectivePermissions(policy: RBACSubjectPolicy(catalog))
        for id in ["C03a", "C03b"] {
            evidence.forEachItem(id, as: RBACBinding.self) { effective.add($0, roles: roles) }
        }
        return PermissionsView(
            subjects: effective.bySubject,
            unresolved: effective.unresolvedByName,
            source: "C03a-C03d"
        )
    }
}
