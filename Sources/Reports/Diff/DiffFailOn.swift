/// When `auditpack diff` exits 1 (`--fail-on`).
public enum DiffFailOn: String, Sendable, CaseIterable {
    /// A finding in NEW that OLD did not have (by control, rule and object).
    case newFindings = "new-findings"
    /// A control's verdict got worse (e.g. pass → fail).
    case verdictRegression = "verdict-regression"
    /// Any verdict, finding or evidence change.
    case anyChange = "any-change"
}
