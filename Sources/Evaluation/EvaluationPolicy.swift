import AuditPackCore
import Foundation

/// Thresholds evaluators use: the catalog's, overridden per control by a policy file.
public struct EvaluationPolicy: Sendable {
    public var thresholds: [String: [String: Catalog.ThresholdValue]]
    /// Each catalog rule's base severity by rule id (`controls[].rules`).
    public var ruleSeverities: [String: Severity] = [:]

    public init(catalog: Catalog, overrides: [String: [String: Catalog.ThresholdValue]] = [:]) {
        var thresholds: [String: [String: Catalog.ThresholdValue]] = [:]
        for control in catalog.controls { thresholds[control.id] = control.thresholds ?? [:] }
        for (control, values) in overrides { thresholds[control, default: [:]].merge(values) { $1 } }
        self.thresholds = thresholds
        for rule in catalog.controls.flatMap({ $0.rules ?? [] }) {
            ruleSeverities[rule.id] = Severity(rawValue: rule.severity)
        }
    }

    public func number(_ control: String, _ name: String, default fallback: Double) -> Double {
        if case .number(let value)? = thresholds[control]?[name] { return value }
        return fallback
    }

    public func flag(_ control: String, _ name: String, default fallback: Bool) -> Bool {
        if case .flag(let value)? = thresholds[control]?[name] { return value }
        return fallback
    }

    public func names(_ control: String, _ name: String, default fallback: [String]) -> [String] {
        if case .names(let value)? = thresholds[control]?[name] { return value }
        return fallback
    }
}
