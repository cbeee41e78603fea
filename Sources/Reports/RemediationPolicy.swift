import AuditPackCore
import Foundation
import Yams

/// Who fixes what, how urgently: read from a policy file (YAML), with catalog defaults.
///
/// ```yaml
/// default_owner: platform-team
/// owners: {C03: security-team, C10: platform-team}
/// priorities: {critical: P1, high: P1, medium: P2, low: P3}
/// due_days: {critical: 7, high: 14, medium: 30, low: 90}
/// due_dates: {C06: 2026-04-15}          # fixed dates win over due_days
/// thresholds: {C10: {expiry_warning_days: 45}, C05: {privileged_allowed: [kube-system, kube-bench]}}
/// ```
public struct RemediationPolicy: Sendable, Equatable {
    public var defaultOwner = "platform-team"
    public var owners: [String: String] = [:]
    public var priorities: [String: String] = [
        "critical": "P1", "high": "P1", "medium": "P2", "low": "P3", "gap": "P2",
    ]
    public var dueDays: [String: Int] = ["critical": 7, "high": 14, "medium": 30, "low": 90, "gap": 30]
    public var dueDates: [String: String] = [:]
    public var thresholds: [String: [String: Catalog.ThresholdValue]] = [:]

    public init() {}

    static let severities = ["critical", "high", "medium", "low", "gap"]
    static let keys: Set<String> = ["default_owner", "owners", "priorities", "due_days", "due_dates", "thresholds"]

    /// Parses and checks a policy file; every error names the file, the key and the fix.
    public static func load(path: String, catalog: Catalog) throws -> RemediationPolicy {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw PolicyError.invalid(file: path, reason: "cannot be read")
        }
        return try parse(yaml: text, file: path, catalog: catalog)
    }

    public static func parse(yaml: String, file: String, catalog: Catalog) throws -> RemediationPolicy {
        let document: Any?
        do {
            // Dates stay text: YAML's timestamp resolution would silently turn 2026-13-45 into 2027-02-14.
            document = try Yams.load(yaml: yaml, Resolver.default.removing(.timestamp))
        } catch {
            throw PolicyError.invalid(file: file, reason: "not YAML (\(error))")
        }
        var policy = RemediationPolicy()
        guard let document else { return policy }
        guard let root = document as? [String: Any] else {
            throw PolicyError.invalid(file: file, reason: "the top level is not a mapping")
        }
        let checker = PolicyChecker(file: file, controls: Set(catalog.controls.map(\.id)))
        if let unknown = root.keys.first(where: { !keys.contains($0) }) {
            throw PolicyError.invalid(
                file: file,
                reason: "unknown key \(unknown) (known: \(keys.sorted().joined(separator: ", ")))"
            )
        }
        if let owner = root["default_owner"] {
            guard let owner = owner as? String, !owner.isEmpty else {
                throw PolicyError.invalid(file: file, reason: "default_owner must be a name")
            }
            policy.defaultOwner = owner
        }
        policy.owners = try checker.controlMap(root["owners"], key: "owners") { value in value as? String }
        for (severity, priority) in try checker.severityMap(root["priorities"], key: "priorities", { $0 as? String }) {
            policy.priorities[severity] = priority
        }
        for (severity, days) in try checker.severityMap(
            root["due_days"],
            key: "due_days",
            { ($0 as? Int).flatMap { $0 >= 0 ? $0 : nil } }
        ) {
            policy.dueDays[severity] = days
        }
        policy.dueDates = try checker.controlMap(root["due_dates"], key: "due_dates") { value in
            (value as? String).flatMap { ReportDates.parseDay($0) != nil ? $0 : nil }
        }
        policy.thresholds = try checker.controlMap(root["thresholds"], key: "thresholds") { value in
            guard let map = value as? [String: Any] else { return nil }
            var thresholds: [String: Catalog.ThresholdValue] = [:]
            for (name, raw) in map {
                switch raw {
                case let flag as Bool: thresholds[name] = .flag(flag)
                case let number as Int: thresholds[name] = .number(Double(number))
                case let number as Double: thresholds[name] = .number(number)
                case let names as [Any]: thresholds[name] = .names(names.map { "\($0)" })
                default: return nil
                }
            }
            return thresholds
        }
        return policy
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
            guard RemediationPolicy.severities.contains(severity) else {
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

public enum PolicyError: Error, CustomStringConvertible, Equatable {
    case invalid(file: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let file, let reason): return "Policy file \(file): \(reason). Fix the file and run again."
        }
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
