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
        let normalized = name.uppercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(
            of: ".",
            with: "_"
        )
        return patterns.contains { normalized.contains($0) }
    }

    /// Whether an item must be parsed and redacted: Secrets and ConfigMaps always; anything else only when
    /// its bytes may hold a literal secret-looking env value (`mayHoldSecret`, a byte scan, no parsing).
    public func decide(_ item: ListItem) throws -> ListFileWriter.Decision {
        let kind = item.kind
        guard kind == "Secret" || kind == "ConfigMap" || mayHoldSecret(item.bytes) else { return .keep }
        return .replace(redact(try item.object()))
    }

    /// The object with secret values replaced by `REDACTED`.
    public func redact(_ object: [String: Any]) -> [String: Any] {
        var object = object
        let kind = object["kind"] as? String ?? ""
        let metadata = object["metadata"] as? [String: Any] ?? [:]
        let location = (kind, metadata["namespace"] as? String, metadata["name"] as? String ?? "")
        if kind == "Secret" {
            for field in ["data", "stringData"] {
                guard let values = object[field] as? [String: Any] else { continue }
                object[field] = values.mapValues { _ in Self.marker }
            }
        }
        if kind == "ConfigMap", let data = object["data"] as? [String: Any] {
            var redacted = data
            for (key, value) in data where looksSecret(key) {
                if let text = value as? String, !text.isEmpty {
                    record("C06.configmap-secret-key", location, field: "data.\(key)", value: text)
                    redacted[key] = Self.marker
                }
            }
            object["data"] = redacted
        }
        object["metadata"] = redactLastApplied(metadata, kind: kind, location: location)
        if var spec = object["spec"] as? [String: Any] {
            spec = redactPodSpecHolder(spec, location: location, prefix: "spec")
            object["spec"] = spec
        }
        return object
    }

    private func redactLastApplied(
        _ metadata: [String: Any],
        kind: String,
        location: (String, String?, String)
    ) -> [String: Any] {
        let annotation = "kubectl.kubernetes.io/last-applied-configuration"
        guard var annotations = metadata["annotations"] as? [String: Any],
            let text = annotations[annotation] as? String,
            let applied = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
        else { return metadata }
        var cleaned = applied
        var changed = false
        for field in ["data", "stringData"] {
            guard let values = applied[field] as? [String: Any], !values.isEmpty else { continue }
            if (applied["kind"] as? String ?? kind) == "Secret" {
                for (key, value) in values {
                    record(
                        "C06.secret-in-last-applied-annotation",
                        location,
                        field: "metadata.annotations[\(annotation)].\(field).\(key)",
                        value: "\(value)"
                    )
                }
            }
            cleaned[field] = values.mapValues { _ in Self.marker }
            changed = true
        }
        if let spec = applied["spec"] as? [String: Any] {
            let redacted = redactPodSpecHolder(spec, location: nil, prefix: "spec")
            if !NSDictionary(dictionary: redacted).isEqual(to: spec) {
                cleaned["spec"] = redacted
                changed = true
            }
        }
        guard changed,
            let data = try? JSONWriter.data(cleaned)
        else { return metadata }
        var metadata = metadata
        annotations[annotation] = String(decoding: data, as: UTF8.self)
        metadata["annotations"] = annotations
        return metadata
    }

    /// Pod specs sit at `spec` (Pod), `spec.template.spec` (Deployment, Job…) or
    /// `spec.jobTemplate.spec.template.spec` (CronJob).
    private func redactPodSpecHolder(
        _ spec: [String: Any],
        location: (String, String?, String)?,
        prefix: String
    )
        -> [String: Any]
    {
        var spec = spec
        for containerField in ["initContainers", "containers", "ephemeralContainers"] {
            guard let containers = spec[containerField] as? [[String: Any]] else { continue }
            spec[containerField] = containers.map {
                redactContainer($0, location: location, path: "\(prefix).\(containerField)")
            }
        }
        if var template = spec["template"] as? [String: Any], let inner = template["spec"] as? [String: Any] {
            template["spec"] = redactPodSpecHolder(inner, location: location, prefix: "\(prefix).template.spec")
            spec["template"] = template
        }
        if var jobTemplate = spec["jobTemplate"] as? [String: Any], let inner = jobTemplate["spec"] as? [String: Any] {
            jobTemplate["spec"] = redactPodSpecHolder(inner, location: location, prefix: "\(prefix).jobTemplate.spec")
            spec["jobTemplate"] = jobTemplate
        }
        return spec
    }

    private func redactContainer(
        _ container: [String: Any],
        location: (String, String?, String)?,
        path: String
    )
        -> [String: Any]
    {
        guard let env = container["env"] as? [[String: Any]] else { return container }
        var container = container
        let containerName = container["name"] as? String ?? "?"
        container["env"] = env.map { variable -> [String: Any] in
            guard let name = variable["name"] as? String, looksSecret(name),
                let value = variable["value"] as? String, !value.isEmpty
            else { return variable }
            if let location {
                record(
                    "C06.literal-secret-env",
                    location,
                    field: "\(path)[\(containerName)].env[\(name)].value",
                    value: value
                )
            }
            var redacted = variable
            redacted["value"] = Self.marker
            return redacted
        }
        return container
    }

    private func record(_ rule: String, _ location: (String, String?, String), field: String, value: String) {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(value.utf8), using: key)
        let fingerprint = "hmac-sha256:" + mac.prefix(8).map { String(format: "%02x", $0) }.joined()
        let finding = Finding(
            rule: rule,
            kind: location.0,
            namespace: location.1,
            name: location.2,
            field: field,
            length: value.utf8.count,
            fingerprint: fingerprint
        )
        let identity = "\(finding.kind)/\(finding.namespace ?? "")/\(finding.name)/\(finding.field)"
        lock.withLock {
            if found.insert(identity).inserted { stored.append(finding) }
        }
    }
}
