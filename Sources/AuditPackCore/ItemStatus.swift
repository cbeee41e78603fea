import Foundation

/// What became of one evidence item.
public enum ItemStatus: String, Sendable, Codable, Equatable, CaseIterable {
    case ok
    /// The request failed (the note says why).
    case error
    /// The resource type is not served: its CRD is absent. A gap, not a crash.
    case notInstalled = "not_installed"
    /// The identity may not read it (the note names the missing permission).
    case forbidden
    /// Does not apply to this cluster (e.g. no visible control plane on managed Kubernetes).
    case notApplicable = "not_applicable"
}
