import Foundation

/// A threshold some code reads, named `<control>.<name>` as in the catalog. The catalog holds the only default
/// of each (checked when it loads: present, of the right type); a policy file may override those read at
/// evaluation. Code reads them through ``ThresholdReading`` and never carries a default of its own.
public enum Threshold: String, Sendable, CaseIterable, Hashable {
    case c01SystemNamespaces = "C01.system_namespaces"
    case c01RequireDefaultDenyEgress = "C01.require_default_deny_egress"
    case c03PrivilegedRoles = "C03.privileged_roles"
    case c03SystemSubjectPrefixes = "C03.system_subject_prefixes"
    case c03BroadGroups = "C03.broad_groups"
    case c03AnonymousAllowedBindings = "C03.anonymous_allowed_bindings"
    case c03AnonymousSubjects = "C03.anonymous_subjects"
    case c03SystemServiceAccountNamespaces = "C03.system_service_account_namespaces"
    case c03ClusterReachNamespaces = "C03.cluster_reach_namespaces"
    case c03SeverityStepEveryone = "C03.severity_step_everyone"
    case c03SeverityStepWorkload = "C03.severity_step_workload"
    case c03SeverityStepNamespace = "C03.severity_step_namespace"
    case c03SeverityStepResourceNames = "C03.severity_step_resource_names"
    case c04MaxReportAgeDays = "C04.max_report_age_days"
    case c04MaxHigh = "C04.max_high"
    case c05PrivilegedAllowed = "C05.privileged_allowed"
    case c06SecretNamePatterns = "C06.secret_name_patterns"
    case c07MinAuditLogMaxageDays = "C07.min_audit_log_maxage_days"
    case c09SecurityWebhookPatterns = "C09.security_webhook_patterns"
    case c10ExpiryWarningDays = "C10.expiry_warning_days"

    /// What a threshold holds.
    public enum Kind: String, Sendable {
        case number, flag, names

        /// How a policy file writes one, for error messages.
        public var example: String {
            switch self {
            case .number: return "a number such as 30"
            case .flag: return "true or false"
            case .names: return "a list of names such as [kube-system, kube-public]"
            }
        }
    }

    public var control: String { String(rawValue.prefix { $0 != "." }) }
    public var name: String { String(rawValue.drop { $0 != "." }.dropFirst()) }

    public var kind: Kind {
        switch self {
        case .c01RequireDefaultDenyEgress: return .flag
        case .c04MaxReportAgeDays, .c04MaxHigh, .c07MinAuditLogMaxageDays, .c10ExpiryWarningDays,
            .c03SeverityStepEveryone, .c03SeverityStepWorkload, .c03SeverityStepNamespace,
            .c03SeverityStepResourceNames:
            return .number
        case .c01SystemNamespaces, .c03PrivilegedRoles, .c03SystemSubjectPrefixes, .c03BroadGroups,
            .c03AnonymousAllowedBindings, .c03AnonymousSubjects, .c03SystemServiceAccountNamespaces,
            .c03ClusterReachNamespaces, .c05PrivilegedAllowed, .c06SecretNamePatterns, .c09SecurityWebhookPatterns:
            return .names
        }
    }

    /// Applied while collecting (the secret scan's name patterns): a policy at evaluation cannot change what
    /// was collected, so a policy file may not override it.
    public var appliesAtCollection: Bool { self == .c06SecretNamePatterns }

    public init?(control: String, name: String) {
        self.init(rawValue: "\(control).\(name)")
    }
}

/// The one way code reads a threshold: the value a policy set, else the catalog's default.
public protocol ThresholdReading {
    func thresholdValue(_ threshold: Threshold) -> Catalog.ThresholdValue
}

extension ThresholdReading {
    public func number(_ threshold: Threshold) -> Double {
        guard case .number(let value) = thresholdValue(threshold) else { Self.mismatch(threshold) }
        return value
    }

    public func flag(_ threshold: Threshold) -> Bool {
        guard case .flag(let value) = thresholdValue(threshold) else { Self.mismatch(threshold) }
        return value
    }

    public func names(_ threshold: Threshold) -> [String] {
        guard case .names(let value) = thresholdValue(threshold) else { Self.mismatch(threshold) }
        return value
    }

    /// Catalog load and policy parsing check every value's kind, so only code reading a threshold as the
    /// wrong kind gets here.
    static func mismatch(_ threshold: Threshold) -> Never {
        preconditionFailure("threshold \(threshold.rawValue) is a \(threshold.kind.rawValue); read it as one")
    }
}

extension Catalog.ThresholdValue {
    public var kind: Threshold.Kind {
        switch self {
        case .number: return .number
        case .flag: return .flag
        case .names: return .names
        }
    }
}

extension Catalog.Control: ThresholdReading {
    /// This control's default (every threshold has one: checked at load).
    public func thresholdValue(_ threshold: Threshold) -> Catalog.ThresholdValue {
        guard threshold.control == id, let value = thresholds?[threshold.name] else {
            preconditionFailure("control \(id) has no default for \(threshold.rawValue); Catalog.load checks this")
        }
        return value
    }
}

extension Catalog: ThresholdReading {
    /// The catalog's default (every threshold has one: checked at load).
    public func thresholdValue(_ threshold: Threshold) -> ThresholdValue {
        guard let control = control(threshold.control) else {
            preconditionFailure("the catalog has no control \(threshold.control); Catalog.load checks this")
        }
        return control.thresholdValue(threshold)
    }

    /// Every threshold code reads has a default of its kind, and every default is read by some code.
    func validateThresholds(file: String) throws {
        for threshold in Threshold.allCases {
            guard let value = control(threshold.control)?.thresholds?[threshold.name] else {
                throw CatalogError.invalid(
                    file: file,
                    reason: "control \(threshold.control) has no threshold \(threshold.name), which AuditPack reads; "
                        + "add its default (\(threshold.kind.example)) under thresholds"
                )
            }
            guard value.kind == threshold.kind else {
                throw CatalogError.invalid(
                    file: file,
                    reason:
                        "threshold \(threshold.rawValue) must be \(threshold.kind.example), not a \(value.kind.rawValue)"
                )
            }
        }
        for control in controls {
            for name in (control.thresholds ?? [:]).keys.sorted()
            where Threshold(control: control.id, name: name) == nil {
                throw CatalogError.invalid(
                    file: file,
                    reason: "threshold \(control.id).\(name) is read by no code; remove it or add it to Threshold"
                )
            }
        }
    }
}
