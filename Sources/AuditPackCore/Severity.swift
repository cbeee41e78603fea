import Foundation

/// How bad a finding is; a control's verdict follows from its worst finding. Each catalog rule names one.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case low, medium, high, critical

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// `critical, high, medium, low`: for messages that list what is allowed.
    public static var names: String { allCases.reversed().map(\.rawValue).joined(separator: ", ") }
}
