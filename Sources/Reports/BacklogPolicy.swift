import AuditPackCore
import Foundation

/// Who fixes what, how urgently: the backlog part of a policy file (`PolicyFile`), with defaults. The evaluation
/// part (thresholds, rule severities, disabled rules) is `EvaluationPolicy`; one file may carry both.
///
/// ```yaml
/// default_owner: platform-team
/// owners: {C03: security-team, C10: platform-team}
/// priorities: {critical: P1, high: P1, medium: P2, low: P3}
/// due_days: {critical: 7, high: 14, medium: 30, low: 90}
/// due_dates: {C06: 2026-04-15}          # fixed dates win over due_days
/// ```
public struct BacklogPolicy: Sendable, Equatable {
    public var defaultOwner = "platform-team"
    public var owners: [String: String] = [:]
    public var priorities: [String: String] = [
        "critical": "P1", "high": "P1", "medium": "P2", "low": "P3", "gap": "P2",
    ]
    public var dueDays: [String: Int] = ["critical": 7, "high": 14, "medium": 30, "low": 90, "gap": 30]
    public var dueDates: [String: String] = [:]

    public init() {}

    static let severities = ["critical", "high", "medium", "low", "gap"]

    /// Reads a policy file at `path` (nil: the defaults).
    public static func load(path: String?, catalog: Catalog) throws -> BacklogPolicy {
        guard let path else { return BacklogPolicy() }
        return try BacklogPolicy(file: PolicyFile.load(path: path), catalog: catalog)
    }

    public static func parse(yaml: String, file: String, catalog: Catalog) throws -> BacklogPolicy {
        try BacklogPolicy(file: PolicyFile.parse(yaml: yaml, file: file), catalog: catalog)
    }

    /// Checks the backlog keys; every error names the file, the key and the fix.
    public init(file policyFile: PolicyFile, catalog: Catalog) throws {
        let file = policyFile.path
        let root = policyFile.root
        let checker = PolicyChecker(file: file, controls: Set(catalog.controls.map(\.id)))
        if let owner = root["default_owner"] {
            guard let owner = owner as? String, !owner.isEmpty else {
                throw PolicyError.invalid(file: file, reason: "default_owner must be a name")
            }
            defaultOwner = owner
        }
        owners = try checker.controlMap(root["owners"], key: "owners") { value in value as? String }
        for (severity, priority) in try checker.severityMap(root["priorities"], key: "priorities", { $0 as? String }) {
            priorities[severity] = priority
        }
        for (severity, days) in try checker.severityMap(
            root["due_days"],
            key: "due_days",
            { ($0 as? Int).flatMap { $0 >= 0 ? $0 : nil } }
        ) {
            dueDays[severity] = days
        }
        dueDates = try checker.controlMap(root["due_dates"], key: "due_dates") { value in
            (value as? String).flatMap { ReportDates.parseDay($0) != nil ? $0 : nil }
        }
    }

    public func owner(for control: String) -> String { owners[control] ?? defaultOwner }
}

/// Checks policy sections keyed by control id or severity.
private struct PolicyChecker {
    let file: String
    let controls: Set<String>

    func controlMap<T>(_ value: Any?, key: String, _ convert: (Any) -> T?) throws -> [String: T] {
        guard let value else { return [:] }
        guard let map = value as? [String: Any] else {
            throw PolicyError.invalid(file: file, reason: "\(key) must be a mapping")
        }
        var result: [String: T] = [:]
        for (control, raw) in map {
            guard controls.contains(control) else {
                throw PolicyError.invalid(
                    file: file,
                    reason:
                        "\(key) names unknown control \(control) (known: \(controls.sorted().joined(separator: ", ")))"
                )
            }
            guard let converted = convert(raw) else {
                let hint = key == "due_dates" ? " (expected a date like 2026-04-15)" : ""
                throw PolicyError.invalid(file: file, reason: "\(key).\(control) has an invalid value \(raw)\(hint)")
            }
            result[control] = converted
        }
        return result
    }

    func severityMap<T>(_ value: Any?, key: String, _ convert: (Any) -> T?) throws -> [String: T] {
        guard let value else { return [:] }
        guard let map = value as? [String: Any] else {
            throw PolicyError.invalid(file: file, reason: "\(key) must be a mapping")
        }
        var result: [String: T] = [:]
        for (severity, raw) in map {
            guard BacklogPolicy.severities.contains(severity) else {
                throw PolicyError.invalid(
                    file: file,
                    reason: "\(key) names unknown severity \(severity) (use critical, high, medium, low, gap)"
                )
            }
            guard let converted = convert(raw) else {
                throw PolicyError.invalid(file: file, reason: "\(key).\(severity) has an invalid value \(raw)")
            }
            result[severity] = converted
        }
        return result
    }
}

/// Calendar days in UTC.
public enum ReportDates {
    public static func parseDay(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard text.count == 10, let date = formatter.date(from: text) else { return nil }
        return formatter.string(from: date) == text ? date : nil
    }

    public static func day(_ date: Date) -> String {
        String(Timestamp.format(date).prefix(10))
    }
}
