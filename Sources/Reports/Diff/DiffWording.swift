import Evaluation

/// Phrases shared by the text, Markdown and HTML forms of a diff.
enum DiffWording {
    static func package(_ summary: PackageSummary) -> String {
        "\(summary.package)  collected \(summary.collectedAt)  cluster \(summary.clusterKey)  "
            + "manifest \(summary.manifestSHA256.prefix(12))…  signature \(summary.signature)"
    }

    static func verdict(_ verdict: Verdict?) -> String {
        verdict?.rawValue ?? "not selected"
    }

    static func object(_ object: ObjectRef) -> String {
        "\(object.kind) \(object.namespace.map { "\($0)/" } ?? "")\(object.name)"
    }

    static func finding(_ finding: PackageDiff.ControlFinding) -> String {
        "[\(finding.severity.rawValue)] \(finding.control) \(finding.rule) \(object(finding.object)) — \(finding.message)"
    }
}
