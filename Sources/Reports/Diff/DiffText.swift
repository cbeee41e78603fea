/// `auditpack diff --format text`: what changed, for a terminal or a CI log.
enum DiffText {
    /// Text formats list at most this many objects per list; JSON has them all.
    static let listLimit = 500

    static func render(_ diff: PackageDiff) -> String {
        var lines = ["AuditPack diff"]
        lines.append("OLD  \(DiffWording.package(diff.old))")
        lines.append("NEW  \(DiffWording.package(diff.new))")
        lines += diff.warnings.map { "warning: \($0)" }
        lines += diff.notes.map { "note: \($0)" }
        lines += ["", diff.headline, "", "Verdicts"]
        if diff.verdicts.isEmpty { lines.append("  no verdict changed") }
        for change in diff.verdicts {
            lines.append(
                "  \(change.control)  \(DiffWording.verdict(change.old)) → \(DiffWording.verdict(change.new))"
                    + (change.isRegression ? "  (regression)" : "")
            )
        }
        lines += ["", "Findings"]
        section(&lines, "new", diff.findings.new, mark: "+")
        section(&lines, "resolved", diff.findings.resolved, mark: "-")
        lines.append("  persisting: \(diff.findings.persisting.count)")
        lines += ["", "Evidence"]
        if diff.evidence.isEmpty { lines.append("  no object added, removed or changed") }
        for item in diff.evidence {
            lines.append("  \(item.item)  \(item.file)")
            if item.oldStatus != item.newStatus {
                lines.append("    status \(item.oldStatus ?? "absent") → \(item.newStatus ?? "absent")")
            }
            objects(&lines, item.added, mark: "+")
            objects(&lines, item.removed, mark: "-")
            objects(&lines, item.changed, mark: "~")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func section(
        _ lines: inout [String],
        _ title: String,
        _ findings: [PackageDiff.ControlFinding],
        mark: String
    ) {
        lines.append("  \(title): \(findings.count)")
        for finding in findings.prefix(listLimit) {
            lines.append("    \(mark) \(DiffWording.finding(finding))")
        }
        if findings.count > listLimit {
            lines.append("    … and \(findings.count - listLimit) more (--format json lists all)")
        }
    }

    private static func objects(_ lines: inout [String], _ objects: [PackageDiff.ObjectChange], mark: String) {
        for object in objects.prefix(listLimit) {
            lines.append("    \(mark) \(object.label)\(object.detail.map { " — \($0)" } ?? "")")
        }
        if objects.count > listLimit {
            lines.append("    … and \(objects.count - listLimit) more (--format json lists all)")
        }
    }
}
