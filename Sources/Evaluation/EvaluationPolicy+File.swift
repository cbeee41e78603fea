import AuditPackCore
import Foundation

/// The evaluation part of a policy file (`PolicyFile`): every error names the file, the key and the fix.
///
/// ```yaml
/// thresholds:                       # <control>: {<threshold>: value}; names and types as in the catalog
///   C10: {expiry_warning_days: 45}
///   C05: {privileged_allowed: [kube-system, kube-bench]}
/// rules:                            # <rule id>: severity and/or disabled, with a reason
///   C04.stale-scan-report: {severity: low, reason: "weekly rescans are accepted (RISK-12)"}
///   C01.no-default-deny-egress: {disabled: true, reason: "egress is filtered by the VPC firewall (SEC-7)"}
/// ```
extension EvaluationPolicy {
    public init(catalog: Catalog, file: PolicyFile) throws {
        self.init(catalog: catalog)
        let reader = PolicyReader(file: file.path, catalog: catalog)
        var changedThresholds: [String: Catalog.ThresholdValue] = [:]
        for (threshold, value) in try reader.thresholds(file.root["thresholds"]) {
            override(threshold, with: value)
            changedThresholds[threshold.rawValue] = value
        }
        var changes: [PolicyRecord.RuleChange] = []
        for change in try reader.rules(file.root["rules"]) {
            if change.disabled == true {
                disable(change.rule, reason: change.reason ?? "")
            } else if let severity = change.severity {
                setSeverity(severity, of: change.rule)
            }
            changes.append(change)
        }
        setRecord(PolicyRecord(file: file.name, sha256: file.sha256, thresholds: changedThresholds, rules: changes))
    }

    /// Reads a policy file at `path` (nil: the catalog alone).
    public static func load(path: String?, catalog: Catalog) throws -> EvaluationPolicy {
        guard let path else { return EvaluationPolicy(catalog: catalog) }
        return try EvaluationPolicy(catalog: catalog, file: PolicyFile.load(path: path))
    }
}

/// Checks the `thresholds` and `rules` sections against the catalog.
struct PolicyReader {
    let file: String
    let catalog: Catalog

    func fail(_ reason: String) -> PolicyError { PolicyError.invalid(file: file, reason: reason) }

    func thresholds(_ section: Any?) throws -> [(Threshold, Catalog.ThresholdValue)] {
        guard let section else { return [] }
        guard let map = section as? [String: Any] else {
            throw fail(
                "thresholds must map control ids to thresholds, e.g. thresholds: {C10: {expiry_warning_days: 45}}"
            )
        }
        var result: [(Threshold, Catalog.ThresholdValue)] = []
        for control in map.keys.sorted() {
            guard let entry = catalog.control(control) else {
                throw fail(
                    "thresholds names unknown control \(control) "
                        + "(known: \(catalog.controls.map(\.id).joined(separator: ", ")))"
                )
            }
            let known = (entry.thresholds ?? [:]).keys.sorted()
            guard let values = map[control] as? [String: Any] else {
                throw fail(
                    "thresholds.\(control) must map threshold names to values, e.g. {\(known.first ?? "name"): …}"
                )
            }
            for name in values.keys.sorted() {
                let key = "thresholds.\(control).\(name)"
                guard let threshold = Threshold(control: control, name: name), known.contains(name) else {
                    throw fail(
                        "\(key) is not a threshold of \(control) "
                            + (known.isEmpty ? "(it has none)" : "(known: \(known.joined(separator: ", ")))")
                    )
                }
                guard !threshold.appliesAtCollection else {
                    throw fail(
                        "\(key) is applied while collecting, so a policy cannot change it at evaluation; remove it "
                            + "(the catalog's value is used)"
                    )
                }
                guard let value = Self.value(values[name], kind: threshold.kind) else {
                    throw fail(
                        "\(key) must be \(threshold.kind.example) (catalog default: "
                            + "\(Self.describe(catalog.thresholdValue(threshold)))), not \(values[name].map { "\($0)" } ?? "nothing")"
                    )
                }
                result.append((threshold, value))
            }
        }
        return result
    }

    static func value(_ raw: Any?, kind: Threshold.Kind) -> Catalog.ThresholdValue? {
        switch (kind, raw) {
        case (.flag, let flag as Bool): return .flag(flag)
        case (.number, is Bool): return nil
        case (.number, let number as Int) where number >= 0: return .number(Double(number))
        case (.number, let number as Double) where number >= 0 && number.isFinite: return .number(number)
        case (.names, let list as [Any]):
            var names: [String] = []
            for element in list {
                switch element {
                case is Bool: return nil
                case let text as String: names.append(text)
                case let number as Int: names.append(String(number))
                default: return nil
                }
            }
            return .names(names)
        default: return nil
        }
    }

    static func describe(_ value: Catalog.ThresholdValue) -> String {
        switch value {
        case .number(let number): return number == number.rounded() ? String(Int(number)) : String(number)
        case .flag(let flag): return String(flag)
        case .names(let names): return "[\(names.joined(separator: ", "))]"
        }
    }

    static let ruleKeys = ["disabled", "reason", "severity"]

    func rules(_ section: Any?) throws -> [PolicyRecord.RuleChange] {
        guard let section else { return [] }
        guard let map = section as? [String: Any] else {
            throw fail(
                "rules must map rule ids to settings, e.g. rules: {C04.stale-scan-report: {severity: low}} "
                    + "(auditpack controls lists the rules)"
            )
        }
        var changes: [PolicyRecord.RuleChange] = []
        for id in map.keys.sorted() {
            let key = "rules.\(id)"
            guard let rule = catalog.rule(id) else {
                let control = String(id.prefix { $0 != "." })
                let siblings = catalog.control(control)?.rules.map(\.id) ?? []
                throw fail(
                    "\(key) names unknown rule \(id) "
                        + (siblings.isEmpty
                            ? "(rule ids are <control>.<name>; auditpack controls lists them)"
                            : "(rules of \(control): \(siblings.joined(separator: ", ")))")
                )
            }
            guard let settings = map[id] as? [String: Any] else {
                throw fail("\(key) must be a mapping such as {severity: low} or {disabled: true, reason: \"why\"}")
            }
            if let unknown = settings.keys.sorted().first(where: { !Self.ruleKeys.contains($0) }) {
                throw fail("\(key).\(unknown) is not a rule setting (use \(Self.ruleKeys.joined(separator: ", ")))")
            }
            var change = PolicyRecord.RuleChange(rule: id)
            if let raw = settings["severity"] {
                guard let text = raw as? String, let severity = Severity(rawValue: text) else {
                    throw fail("\(key).severity must be one of \(Severity.names), not \(raw)")
                }
                change.severity = severity
                change.originalSeverity = rule.severity
            }
            if let raw = settings["disabled"] {
                guard let disabled = raw as? Bool else {
                    throw fail("\(key).disabled must be true or false, not \(raw)")
                }
                change.disabled = disabled
            }
            if let raw = settings["reason"] {
                guard let reason = raw as? String else { throw fail("\(key).reason must be text, not \(raw)") }
                change.reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if change.disabled == true {
                guard let reason = change.reason, !reason.isEmpty else {
                    throw fail(
                        "\(key) disables the rule without a reason; add reason: \"why it does not apply\" "
                            + "(findings.json records it)"
                    )
                }
                guard change.severity == nil else {
                    throw fail("\(key) both disables the rule and sets its severity; keep one of them")
                }
            } else if change.severity == nil {
                throw fail("\(key) changes nothing; set severity: <\(Severity.names)> or disabled: true with a reason")
            }
            changes.append(change)
        }
        return changes
    }
}

extension PolicyRecord.RuleChange {
    init(rule: String) {
        self.init(rule: rule, severity: nil, originalSeverity: nil, disabled: nil, reason: nil)
    }
}
