import Foundation
import Yams

/// A policy file (YAML), read once: evaluation reads its `thresholds` and `rules` (`EvaluationPolicy`), the
/// report its backlog keys (`BacklogPolicy`). One file may carry both; a key neither knows is an error.
///
/// ```yaml
/// # evaluation (recorded in findings.json)
/// thresholds: {C10: {expiry_warning_days: 45}}
/// rules:
///   C04.stale-scan-report: {severity: low, reason: "weekly rescans are accepted (RISK-12)"}
///   C01.no-default-deny-egress: {disabled: true, reason: "egress is filtered by the VPC firewall (SEC-7)"}
/// # backlog (report only)
/// default_owner: platform-team
/// owners: {C03: security-team}
/// priorities: {critical: P1, high: P1, medium: P2, low: P3, gap: P2}
/// due_days: {critical: 7, high: 14, medium: 30, low: 90, gap: 30}
/// due_dates: {C06: 2026-04-15}
/// ```
public struct PolicyFile {
    /// The path as given, for messages.
    public var path: String
    /// The file's name (what findings.json records: the same wherever the file lies).
    public var name: String
    /// SHA-256 of the file's bytes.
    public var sha256: String
    /// The top-level mapping.
    public var root: [String: Any]

    public static let evaluationKeys = ["rules", "thresholds"]
    public static let backlogKeys = ["default_owner", "due_dates", "due_days", "owners", "priorities"]

    public static func load(path: String) throws -> PolicyFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PolicyError.invalid(file: path, reason: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PolicyError.invalid(file: path, reason: "is not UTF-8 text")
        }
        return try parse(yaml: text, file: path)
    }

    public static func parse(yaml: String, file: String) throws -> PolicyFile {
        let document: Any?
        do {
            // Dates stay text: YAML's timestamp resolution would silently turn 2026-13-45 into 2027-02-14.
            document = try Yams.load(yaml: yaml, Resolver.default.removing(.timestamp))
        } catch {
            throw PolicyError.invalid(file: file, reason: "not YAML (\(error))")
        }
        let root: [String: Any]
        switch document {
        case nil: root = [:]
        case let map as [String: Any]: root = map
        default: throw PolicyError.invalid(file: file, reason: "the top level is not a mapping")
        }
        let known = evaluationKeys + backlogKeys
        if let unknown = root.keys.sorted().first(where: { !known.contains($0) }) {
            throw PolicyError.invalid(
                file: file,
                reason: "unknown key \(unknown) (known: \(known.sorted().joined(separator: ", ")))"
            )
        }
        return PolicyFile(
            path: file,
            name: URL(fileURLWithPath: file).lastPathComponent,
            sha256: Hashing.sha256Hex(Data(yaml.utf8)),
            root: root
        )
    }
}

/// Problems with a policy file: each names the file, the key and the fix.
public enum PolicyError: Error, CustomStringConvertible, Equatable {
    case invalid(file: String, reason: String)

    public var description: String {
        switch self {
        case .invalid(let file, let reason): return "Policy file \(file): \(reason). Fix the file and run again."
        }
    }
}
