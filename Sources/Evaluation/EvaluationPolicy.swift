import AuditPackCore
import Foundation

/// What evaluation applies: the catalog's thresholds and rule severities, changed by a policy file
/// (`EvaluationPolicy+File.swift`): thresholds overridden, rule severities replaced, rules disabled with a reason.
public struct EvaluationPolicy: Sendable, ThresholdReading {
    /// Every threshold's value: the catalog's default unless the policy overrides it.
    public private(set) var thresholds: [Threshold: Catalog.ThresholdValue]
    /// Every catalog rule's severity as the catalog declares it.
    public let catalogSeverities: [String: Severity]
    /// Severities a policy file set, by rule id.
    public private(set) var severityOverrides: [String: Severity] = [:]
    /// Rules a policy file disabled, with the reason it gave.
    public private(set) var disabledRules: [String: String] = [:]
    /// What findings.json records about the policy file (nil without one).
    public private(set) var record: PolicyRecord?

    /// The catalog's values alone (no policy file).
    public init(catalog: Catalog) {
        var thresholds: [Threshold: Catalog.ThresholdValue] = [:]
        for threshold in Threshold.allCases { thresholds[threshold] = catalog.thresholdValue(threshold) }
        self.thresholds = thresholds
        catalogSeverities = Dictionary(uniqueKeysWithValues: catalog.rules.map { ($0.id, $0.severity) })
    }

    public func thresholdValue(_ threshold: Threshold) -> Catalog.ThresholdValue {
        guard let value = thresholds[threshold] else {
            preconditionFailure("no value for \(threshold.rawValue); EvaluationPolicy.init sets every one")
        }
        return value
    }

    /// The severity a finding of `rule` gets: the policy's, else the catalog's.
    public func severity(of rule: String) -> Severity {
        severityOverrides[rule] ?? catalogSeverities[rule] ?? .high
    }

    /// A finding of a catalog rule, with the severity the catalog (or the policy) gives it. Evaluators make
    /// every finding here, so a rule's severity is written only in the catalog.
    public func finding(_ rule: String, object: ObjectRef, message: String, detector: String? = nil) -> Finding {
        let override = severityOverrides[rule]
        return Finding(
            rule: rule,
            severity: override ?? catalogSeverities[rule] ?? .high,
            object: object,
            message: message,
            detector: detector,
            originalSeverity: override.flatMap { $0 == catalogSeverities[rule] ? nil : catalogSeverities[rule] }
        )
    }

    /// `result` without the findings of disabled rules, which are recorded with their reason and counted.
    public func applyingDisabledRules(to result: ControlResult) -> ControlResult {
        let disabled = disabledRules.filter { $0.key.hasPrefix(result.id + ".") }
        guard !disabled.isEmpty else { return result }
        var applied: ControlResult
        if result.verdict == .notAssessed {
            applied = result
        } else {
            applied = ControlResult(id: result.id, findings: result.findings.filter { disabled[$0.rule] == nil })
            applied.reason = result.reason
        }
        applied.disabledRules = disabled.keys.sorted().map { rule in
            DisabledRule(
                rule: rule,
                reason: disabled[rule] ?? "",
                findings: result.findings.filter { $0.rule == rule }.count
            )
        }
        return applied
    }

    mutating func override(_ threshold: Threshold, with value: Catalog.ThresholdValue) {
        thresholds[threshold] = value
    }

    mutating func setSeverity(_ severity: Severity, of rule: String) {
        severityOverrides[rule] = severity
    }

    mutating func disable(_ rule: String, reason: String) {
        disabledRules[rule] = reason
    }

    mutating func setRecord(_ record: PolicyRecord) {
        self.record = record
    }
}

/// The policy file an evaluation applied, as findings.json records it: its name and SHA-256, and every
/// change it made to the catalog's thresholds and rules.
public struct PolicyRecord: Sendable, Codable, Equatable {
    public struct RuleChange: Sendable, Codable, Equatable {
        public var rule: String
        /// The severity the policy set, and the catalog's it replaced.
        public var severity: Severity?
        public var originalSeverity: Severity?
        public var disabled: Bool?
        public var reason: String?

        enum CodingKeys: String, CodingKey {
            case rule, severity, disabled, reason
            case originalSeverity = "original_severity"
        }
    }

    public var file: String
    public var sha256: String
    /// Overridden thresholds by `<control>.<name>`.
    public var thresholds: [String: Catalog.ThresholdValue]
    public var rules: [RuleChange]
}
