import AuditPackCore
import Foundation

extension EvaluationPolicy {
    /// A rule's base severity as the catalog declares it; `fallback` only for a rule the catalog lacks (a test
    /// checks that every rule an evaluator reports is declared).
    public func severity(of rule: String, default fallback: Severity) -> Severity {
        ruleSeverities[rule] ?? fallback
    }
}
