import AuditPackCore
import Foundation

public enum Verdict: String, Sendable, Codable {
    case pass, fail, warn
    case notAssessed = "not_assessed"
}

/// The Kubernetes object (or kube-bench check) a finding is about.
public struct ObjectRef: Sendable, Codable, Equatable, Hashable {
    public var kind: String
    public var namespace: String?
    public var name: String

    public init(kind: String, namespace: String? = nil, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// Encodes `namespace` as null for cluster-scoped objects, as findings.json promises.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(namespace, forKey: .namespace)
        try container.encode(name, forKey: .name)
    }

    enum CodingKeys: String, CodingKey { case kind, namespace, name }
}

public struct Finding: Sendable, Codable, Equatable {
    /// A rule the catalog declares.
    public var rule: String
    /// The severity applied: the catalog's, or the policy file's override of it.
    public var severity: Severity
    public var object: ObjectRef
    public var message: String
    /// Which detector found it, for the secret scan: `name:<pattern>` (the name matched a pattern),
    /// `value:<rule>` (the value has a known secret format) or `field` (a credential field by definition).
    public var detector: String?
    /// The catalog's severity, present only when a policy file changed it (to `severity`).
    public var originalSeverity: Severity?

    public init(
        rule: String,
        severity: Severity,
        object: ObjectRef,
        message: String,
        detector: String? = nil,
        originalSeverity: Severity? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.object = object
        self.message = message
        self.detector = detector
        self.originalSeverity = originalSeverity
    }

    enum CodingKeys: String, CodingKey {
        case rule, severity, object, message, detector
        case originalSeverity = "original_severity"
    }
}

/// A rule a policy file switched off: its findings are recorded as a count and do not count toward the verdict.
public struct DisabledRule: Sendable, Codable, Equatable {
    public var rule: String
    public var reason: String
    /// How many findings of the rule this evaluation set aside.
    public var findings: Int

    public init(rule: String, reason: String, findings: Int) {
        self.rule = rule
        self.reason = reason
        self.findings = findings
    }
}

/// One control's result.
public struct ControlResult: Sendable, Codable, Equatable {
    public var id: String
    public var verdict: Verdict
    /// Why the control was not assessed, when it was not.
    public var reason: String?
    public var findings: [Finding]
    /// Rules of this control a policy file disabled (absent when none).
    public var disabledRules: [DisabledRule]?

    enum CodingKeys: String, CodingKey {
        case id, verdict, reason, findings
        case disabledRules = "disabled_rules"
    }

    public init(id: String, findings: [Finding]) {
        self.id = id
        self.findings = findings.sorted {
            ($1.severity, $0.rule, $0.object.namespace ?? "", $0.object.name)
                < ($0.severity, $1.rule, $1.object.namespace ?? "", $1.object.name)
        }
        let worst = findings.map(\.severity).max()
        switch worst {
        case nil: verdict = .pass
        case .high?, .critical?: verdict = .fail
        case .low?, .medium?: verdict = .warn
        }
    }

    public static func notAssessed(_ id: String, reason: String) -> ControlResult {
        var result = ControlResult(id: id, findings: [])
        result.verdict = .notAssessed
        result.reason = reason
        return result
    }
}

/// `findings.json`: every control's verdict and findings at one point in time.
public struct FindingsDocument: Sendable, Codable, Equatable {
    public static let currentSchema = "auditpack.dev/findings/v1"

    public var schema: String
    public var evaluatedAt: String
    /// The policy file the evaluation applied (absent without one): enough to see and re-perform it.
    public var policy: PolicyRecord?
    public var controls: [ControlResult]

    public init(evaluatedAt: Date, controls: [ControlResult], policy: PolicyRecord? = nil) {
        self.schema = Self.currentSchema
        self.evaluatedAt = Timestamp.format(evaluatedAt)
        self.policy = policy
        self.controls = controls
    }

    enum CodingKeys: String, CodingKey {
        case schema, controls, policy
        case evaluatedAt = "evaluated_at"
    }

    public func encoded() throws -> Data {
        try Self.encoder.encode(self) + Data("\n".utf8)
    }
}
