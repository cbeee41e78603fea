import AuditPackCore
import Evaluation
import Foundation

extension AuditReport {
    /// The effective-permissions evidence (C03f) as the report shows it: per permission that matters, who holds
    /// it, where and through what, and the bindings that grant nothing because their role is missing. Only the
    /// first `limit` rows of each table are kept (with the full count), so the view stays small whatever the
    /// cluster's size: the evidence file has them all.
    public struct PermissionsView: Sendable, Codable, Equatable {
        public struct Row: Sendable, Codable, Equatable {
            public var subject: RBACSubject
            public var who: RBACSubject.Who
            public var entry: EffectivePermissions.Entry
        }

        /// Rows kept per permission (and for missing roles).
        public var limit: Int
        /// The first `limit` holders of each permission, in evidence order.
        public var rows: [RBACPermission: [Row]] = [:]
        /// How many holders each permission has in all.
        public var counts: [RBACPermission: Int] = [:]
        public var unresolved: [EffectivePermissions.Unresolved] = []
        public var unresolvedCount = 0
        /// The evidence item it was read from (`C03f`), or the items it was re-derived from.
        public var source: String

        public init(limit: Int, source: String) {
            self.limit = limit
            self.source = source
        }

        mutating func add(_ subject: EffectivePermissions.Subject) {
            for entry in subject.permissions {
                counts[entry.permission, default: 0] += 1
                if rows[entry.permission, default: []].count < limit {
                    rows[entry.permission, default: []].append(
                        Row(subject: subject.subject, who: subject.who, entry: entry)
                    )
                }
            }
        }

        mutating func add(_ binding: EffectivePermissions.Unresolved) {
            unresolvedCount += 1
            if unresolved.count < limit { unresolved.append(binding) }
        }
    }

    /// Reads C03f from the evidence one item at a time; for a package without it, derives the same from
    /// C03a–C03d with the shared resolver. Nil when neither was collected.
    public static func permissions(_ evidence: EvidenceSet, catalog: Catalog, limit: Int = 200) -> PermissionsView? {
        if evidence.state("C03f").status == .ok {
            var view = PermissionsView(limit: limit, source: "C03f")
            evidence.forEachItem("C03f", as: C03fItem.self) { item in
                switch item {
                case .subject(let subject): view.add(subject)
                case .unresolved(let binding): view.add(binding)
                case .other: break
                }
            }
            return view
        }
        guard evidence.missing(["C03a", "C03b", "C03c", "C03d"]) == nil else { return nil }
        let roles = evidence.rbacRoleIndex()
        var effective = EffectivePermissions(policy: RBACSubjectPolicy(catalog))
        for id in ["C03a", "C03b"] {
            evidence.forEachItem(id, as: RBACBinding.self) { effective.add($0, roles: roles) }
        }
        var view = PermissionsView(limit: limit, source: "C03a-C03d")
        for subject in effective.bySubject { view.add(subject) }
        for binding in effective.unresolvedByName { view.add(binding) }
        return view
    }
}

/// One item of the C03f list, decoded once by its `kind`.
enum C03fItem: Decodable {
    case subject(EffectivePermissions.Subject)
    case unresolved(EffectivePermissions.Unresolved)
    case other

    private enum CodingKeys: String, CodingKey { case kind }

    init(from decoder: Decoder) throws {
        let kind = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .kind)
        switch kind {
        case "SubjectPermissions": self = .subject(try EffectivePermissions.Subject(from: decoder))
        case "UnresolvedBinding": self = .unresolved(try EffectivePermissions.Unresolved(from: decoder))
        default: self = .other
        }
    }
}
