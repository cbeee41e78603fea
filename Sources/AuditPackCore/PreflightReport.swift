import Foundation

/// What `auditpack preflight` found: per evidence item, whether collection will be allowed to read it.
public struct PreflightReport: Sendable, Codable, Equatable {
    public var server: String
    /// Who the server says we are (SelfSubjectReview), when it says.
    public var username: String?
    public var items: [Item]

    public init(server: String, username: String?, items: [Item]) {
        self.server = server
        self.username = username
        self.items = items
    }

    /// True when every item may be read.
    public var allAllowed: Bool { items.allSatisfy { $0.status == .allowed } }

    /// The small form a manifest records: a count, and each item that will not be collected and why.
    public var manifestRecord: Manifest.Preflight {
        Manifest.Preflight(
            allowed: items.filter { $0.status == .allowed }.count,
            gaps: items.filter { $0.status != .allowed }.map {
                Manifest.Preflight.Gap(id: $0.id, status: $0.status.rawValue, missing: $0.missing)
            }
        )
    }
}
