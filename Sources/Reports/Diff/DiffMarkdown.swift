/// `auditpack diff --format markdown`: for a pull request comment or an audit working paper.
enum DiffMarkdown {
    static func render(_ diff: PackageDiff) -> String {
        var lines = ["# AuditPack diff", ""]
        lines.append("| | package | collected | cluster | manifest sha256 | signature |")
        lines.append("|---|---|---|---|---|---|")
        for (label, summary) in [("OLD", diff.old), ("NEW", diff.new)] {
            lines.append(
                "| \(label) | `\(cell(summary.package))` | \(summary.collectedAt) | `\(cell(summary.clusterKey))` | "
                    + "`\(summary.manifestSHA256.prefix(12))…` | \(summary.signature) |"
            )
        }
        lines.append("")
        lines += diff.warnings.map { "> **Warning:** \($0)" }
        lines += diff.notes.map { "> **Note:** \($0)" }
        lines += ["", "**\(diff.headline)**", "", "## Verdicts", ""]
        if diff.verdicts.isEmpty {
            lines.append("No verdict changed.")
        } else {
            lines += ["| control | old | new | regression |", "|---|---|---|---|"]
            for change in diff.verdicts {
                lines.append(
                    "| \(change.control) | \(DiffWording.verdict(change.old)) | \(DiffWording.verdict(change.new)) | "
                        + "\(change.isRegression ? "**yes**" : "no") |"
                )
            }
        }
        lines += ["", "## Findings", ""]
        for (title, findings) in [("New", diff.findings.new), ("Resolved", diff.findings.resolved)] {
            lines += ["### \(title) (\(findings.count))", ""]
            if findings.isEmpty { lines.append("None.") }
            if !findings.isEmpty {
                lines += ["| control | severity | rule | object | message |", "|---|---|---|---|---|"]
                for finding in findings.prefix(DiffText.listLimit) {
                    lines.append(
                        "| \(finding.control) | \(finding.severity.rawValue) | \(cell(finding.rule)) | "
                            + "\(cell(DiffWording.object(finding.object))) | \(cell(finding.message)) |"
                    )
                }
                if findings.count > DiffText.listLimit {
                    lines.append("\n… and \(findings.count - DiffText.listLimit) more (`--format json` lists all).")
                }
            }
            lines.append("")
        }
        lines += ["Persisting: \(diff.findings.persisting.count).", "", "## Evidence", ""]
        if diff.evidence.isEmpty { lines.append("No object added, removed or changed.") }
        for item in diff.evidence {
            lines += ["### \(item.item) `\(cell(item.file))`", ""]
            if item.oldStatus != item.newStatus {
                lines += ["Status: \(item.oldStatus ?? "absent") → \(item.newStatus ?? "absent").", ""]
            }
            let rows = [("added", item.added), ("removed", item.removed), ("changed", item.changed)]
            if rows.contains(where: { !$0.1.isEmpty }) {
                lines += ["| change | object | detail |", "|---|---|---|"]
                for (change, objects) in rows {
                    for object in objects.prefix(DiffText.listLimit) {
                        lines.append("| \(change) | \(cell(object.label)) | \(cell(object.detail ?? "")) |")
                    }
                    if objects.count > DiffText.listLimit {
                        lines.append("| \(change) | … and \(objects.count - DiffText.listLimit) more | |")
                    }
                }
                lines.append("")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text safe inside a table cell: no pipes, no line breaks.
    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
