import Foundation

/// The ClusterRole a collection of the selected controls needs: exactly what collection reads, one rule per
/// resource type, each naming what it serves. Built from the catalog (``init(catalog:controls:)``), printed
/// by `auditpack rbac`, asked about by `auditpack preflight`.
public struct AccessRole: Sendable, Equatable {
    public static let defaultName = "auditpack-reader"
    public static let serviceAccountName = "auditpack"

    public var name: String
    /// The selected control ids, in catalog order.
    public var controls: [String]
    public var rules: [Rule]

    public init(name: String = Self.defaultName, controls: [String], rules: [Rule]) {
        self.name = name
        self.controls = controls
        self.rules = rules
    }
}
