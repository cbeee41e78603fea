/// Output formats of `auditpack diff` and `auditpack timeline`.
public enum ViewFormat: String, Sendable, CaseIterable {
    case text, markdown, json, html
}
