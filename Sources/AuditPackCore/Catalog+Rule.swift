import Foundation

extension Catalog {
    /// One rule a control's evaluator reports (`controls[].rules` in the catalog): its id, base severity,
    /// title, what it checks and what to change. Frameworks come from the control.
    public struct Rule: Sendable, Codable, Equatable {
        public var id: String
        /// `low`, `medium`, `high` or `critical`: the base severity (an evaluator may move it by its thresholds).
        public var severity: String
        public var title: String
        public var checks: String
        public var remediation: String
    }
}
