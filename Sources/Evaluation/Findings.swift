import AuditPackCore
import Foundation

/// How bad a finding is; the verdict follows from the worst one.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case low, medium, high, critical

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

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
    public var rule: String
    public var severity: Severity
    public var object: ObjectRef
    public var message: String

    public init(rule: String, severity: Severity, object: ObjectRef, message: String) {
        self.rule = rule
        self.severity = severity
        self.object = object
        self.message = message
    }
}

/// One control's result.
public struct ControlResult: Sendable, Codable, Equatable {
    public var id: String
    public var verdict: Verdict
    /// Why the control was not assessed, when it was not.
    public var reason: String?
    public var findings: [Finding]

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
    public var controls: [ControlResult]

    public init(evaluatedAt: Date, controls: [ControlResult]) {
        self.schema = Self.currentSchema
        self.evaluatedAt = Timestamp.format(evaluatedAt)
        self.controls = controls
    }

    enum CodingKeys: String, CodingKey {
        case schema, controls
        case evaluatedAt = "evaluated_at"
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
