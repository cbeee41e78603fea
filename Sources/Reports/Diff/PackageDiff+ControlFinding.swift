import AuditPackCore
import Evaluation
import Foundation

extension PackageDiff {
    /// A finding as in findings.json, plus the control it belongs to.
    public struct ControlFinding: Sendable, Codable, Equatable {
        public var control: String
        public var rule: String
        public var severity: Severity
        public var object: ObjectRef
        public var message: String

        public init(control: String, finding: Finding) {
            self.control = control
            self.rule = finding.rule
            self.severity = finding.severity
            self.object = finding.object
            self.message = finding.message
        }

        /// What makes two findings the same across packages: control, rule and object (not the message,
        /// which may carry counts or dates).
        public var key: String {
            "\(control)\u{1}\(rule)\u{1}\(object.kind)\u{1}\(object.namespace ?? "")\u{1}\(object.name)"
        }
    }
}
