import Foundation

extension Catalog {
    /// One rule of a control: what an evaluator checks and reports as a finding under `id`, how bad a finding
    /// is, and what to change. A rule supports its control's frameworks.
    public struct Rule: Sendable, Codable, Equatable {
        /// `<control>.<name>`, e.g. `C06.plaintext-secret`.
        public var id: String
        public var severity: Severity
        public var title: String
        /// What the rule looks at.
        public var checks: String
        /// What to change when it fires.
        public var remediation: String

        public init(id: String, severity: Severity, title: String, checks: String, remediation: String) {
            self.id = id
            self.severity = severity
            self.title = title
            self.checks = checks
            self.remediation = remediation
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decode(String.self, forKey: .id)
            let severity = try container.decode(String.self, forKey: .severity)
            guard let known = Severity(rawValue: severity) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .severity,
                    in: container,
                    debugDescription: "rule \(id) has severity \(severity); use one of \(Severity.names)"
                )
            }
            self.severity = known
            title = try container.decode(String.self, forKey: .title)
            checks = try container.decode(String.self, forKey: .checks)
            remediation = try container.decode(String.self, forKey: .remediation)
        }
    }

    /// Every rule of every control, in catalog order.
    public var rules: [Rule] { controls.flatMap(\.rules) }

    /// The rule with this id, if the catalog declares it.
    public func rule(_ id: String) -> Rule? {
        for control in controls {
            if let rule = control.rules.first(where: { $0.id == id }) { return rule }
        }
        return nil
    }

    /// Rule ids are unique, start with their control's id, and have a title, checks and remediation.
    func validateRules(file: String) throws {
        var ids = Set<String>()
        for control in controls {
            guard !control.rules.isEmpty else {
                throw CatalogError.invalid(
                    file: file,
                    reason: "control \(control.id) declares no rules; add rules: with the id, severity, title, "
                        + "checks and remediation of each finding its evaluator reports"
                )
            }
            for rule in control.rules {
                guard rule.id.hasPrefix(control.id + "."), rule.id.count > control.id.count + 1 else {
                    throw CatalogError.invalid(
                        file: file,
                        reason: "rule \(rule.id) of control \(control.id) must be named \(control.id).<name>"
                    )
                }
                guard ids.insert(rule.id).inserted else {
                    throw CatalogError.invalid(file: file, reason: "rule id \(rule.id) appears twice")
                }
                for (field, text) in [
                    ("title", rule.title), ("checks", rule.checks), ("remediation", rule.remediation),
                ]
                where text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    throw CatalogError.invalid(file: file, reason: "rule \(rule.id) has an empty \(field)")
                }
            }
        }
    }
}
