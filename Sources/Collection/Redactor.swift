import AuditPackCore
import Crypto
import Foundation
import KubeAPI

/// Removes secret values from every object before it is written anywhere, and records where it found
/// them. Findings carry a location, a length and a keyed fingerprint — never the value.
///
/// The fingerprint is HMAC-SHA256 under a key that exists only in memory for one run: equal values in
/// one package have equal fingerprints, but nothing in the package lets anyone test a guess.
public final class Redactor: @unchecked Sendable {
    public static let marker = "REDACTED"

    public struct Finding: Sendable, Codable, Equatable, Comparable {
        public var rule: String
        public var kind: String
        public var namespace: String?
        public var name: String
        /// Where in the object, e.g. `spec.containers[app].env[DB_PASSWORD].value`.
        public var field: String
        /// What recognised it: `name:<pattern>` (a secret-looking name) or `value:<rule>` (a known format,
        /// `SecretValueRules`).
        public var detector: String
        public var length: Int
        public var fingerprint: String

        public static func < (lhs: Finding, rhs: Finding) -> Bool {
            (lhs.kind, lhs.namespace ?? "", lhs.name, lhs.field) < (rhs.kind, rhs.namespace ?? "", rhs.name, rhs.field)
        }
    }

    private let patterns: [String]
    /// `patterns` as bytes, for the pre-check that runs on every listed item.
    let patternBytes: [[UInt8]]
    private let key = SymmetricKey(size: .bits256)
    private let lock = NSLock()
    private var found: Set<String> = []
    private var stored: [Finding] = []

    public init(secretNamePatterns: [String]) {
        self.patterns = secretNamePatterns.map { $0.uppercased() }
        self.patternBytes = patterns.map { Array($0.utf8) }
    }

    /// Findings so far, sorted by location.
    public var findings: [Finding] { lock.withLock { stored.sorted() } }

    /// Whether a name (env var, ConfigMap key) looks like it holds a secret.
    public func looksSecret(_ name: String) -> Bool {
        secretPattern(name) != nil
    }

    /// The first secret-name pattern `name` contains (upper-cased, `-` and `.` read as `_`).
    func secretPattern(_ name: String) -> String? {
        let normalized = name.uppercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(
            of: ".",
            with: "_"
        )
        return patterns.first { normalized.contains($0) }
    }

    /// Kinds always parsed and redacted: their values are secret by nature (Secret), often secret
    /// (ConfigMap) or hold credentials in known fields (External Secrets, Kyverno, admission webhooks).
    static let alwaysParsed: Set<String> = [
        "Secret", "ConfigMap", "SecretStore", "ClusterSecretStore", "ExternalSecret", "ClusterExternalSecret",
        "ClusterPolicy", "Policy", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
    ]

    /// Whether an item must be parsed and redacted: the `alwaysParsed` kinds; anything else only when its
    /// bytes may hold something `redact` changes (`mayHoldSecret`, a byte scan, no parsing).
    public func decide(_ item: ListItem) throws -> ListFileWriter.Decision {
        guard Self.alwaysParsed.contains(item.kind) || mayHoldSecret(item.bytes) else { return .keep }
        return .replace(redact(try item.object()))
    }

    /// The object with secret values replaced by `REDACTED`.
    public func redact(_ object: [String: Any]) -> [String: Any] {
        redact(object, recording: true)
    }

    /// `redact`; `recording` false for embedded copies (a last-applied annotation), whose values the
    /// caller reports.
    func redact(_ object: [String: Any], recording: Bool) -> [String: Any] {
        var object = object
        let kind = object["kind"] as? String ?? ""
        let metadata = object["metadata"] as? [String: Any] ?? [:]
        let location =
            recording
            ? Location(kind: kind, namespace: metadata["namespace"] as? String, name: metadata["name"] as? String ?? "")
            : nil
        switch kind {
        case "Secret":
            for field in ["data", "stringData"] {
                guard let values = object[field] as? [String: Any] else { continue }
                object[field] = values.mapValues { _ in Self.marker }
            }
        case "ConfigMap":
            object = redactConfigMap(object, location: location)
        default:
            object = redactCustomResource(object, location: location)
        }
        if object["metadata"] != nil { object["metadata"] = redactMetadata(metadata, kind: kind, location: location) }
        if let spec = object["spec"] as? [String: Any] {
            object["spec"] = redactPodSpecHolder(spec, location: location, prefix: "spec")
        }
        return object
    }

    /// Which object a finding is about.
    struct Location {
        var kind: String
        var namespace: String?
        var name: String
    }

    /// Records a finding at `location` (nil: inside an embedded copy, already reported or not reportable).
    func record(_ rule: String, _ location: Location?, field: String, value: String, detector: String) {
        guard let location else { return }
        let mac = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: key)
        let fingerprint = "hmac-sha256:" + mac.prefix(8).map { String(format: "%02x", $0) }.joined()
        let finding = Finding(
            rule: rule,
            kind: location.kind,
            namespace: location.namespace,
            name: location.name,
            field: field,
            detector: detector,
            length: value.utf8.count,
            fingerprint: fingerprint
        )
        let identity = "\(finding.kind)/\(finding.namespace ?? "")/\(finding.name)/\(finding.field)"
        lock.withLock {
            if found.insert(identity).inserted { stored.append(finding) }
        }
    }
}
