import Foundation

/// The Markdown report, ready to paste into a ticket or a wiki.
enum MarkdownReport {
    static func render(_ report: AuditReport) -> String {
        var lines = [
            "# AuditPack report",
            "",
            "Package `\(report.packageID)` · cluster \(cell(report.cluster)) · collected \(report.collectedAt) · evaluated \(report.evaluatedAt)",
            "",
            "## Time to evidence",
            "",
            "| Control | Collection time | Manual time | Status | Verdict |",
            "|---|---:|---:|---|---|",
        ]
        for row in report.timeToEvidence {
            lines.append(
                "| \(row.control) \(cell(row.title)) | \(Format.duration(milliseconds: row.collectionMilliseconds)) | "
                    + "\(Format.manual(minutes: row.manualMinutes)) | \(row.status) | \(row.verdict) |"
            )
        }
        let totals = report.totals
        lines.append(
            "| **Total** | **\(Format.duration(milliseconds: totals.wallMilliseconds))** wall | **\(Format.manual(minutes: totals.manualMinutes))** (estimate) | "
                + "\(totals.automationPercent)% automated | \(Format.baseline(totals)) |"
        )
        lines += ["", "## Gaps", ""]
        if report.gaps.isEmpty {
            lines.append("None: every evidence item was collected.")
        } else {
            lines += ["| Item | Status | Why | Fix |", "|---|---|---|---|"]
            lines += report.gaps.map { "| \($0.item) | \($0.status) | \(cell($0.reason)) | \(cell($0.fix)) |" }
        }
        if !report.covered.isEmpty { lines.append("") }
        lines += report.covered.map { "Not needed: \($0.item) — \($0.coveredBy) carries its evidence." }
        lines += ["", "## Failing controls", ""]
        if report.failing.isEmpty { lines.append("None.") }
        for result in report.failing {
            lines.append("- **\(result.id)** \(result.verdict.rawValue): \(result.findings.count) finding(s)")
        }
        if !report.disabledRules.isEmpty {
            lines += ["", "## Disabled by policy", "", "| Rule | Findings set aside | Reason |", "|---|---:|---|"]
            lines += report.disabledRules.map { "| \($0.rule) | \($0.findings) | \(cell($0.reason)) |" }
        }
        lines += ["", "## Slowest items", ""]
        lines += report.slowest.map {
            "- \($0.item) \(Format.duration(milliseconds: $0.milliseconds)) — \(cell($0.description))"
        }
        lines += [
            "", "## Remediation backlog", "", "| ID | Priority | Control | Owner | Due | Action |",
            "|---|---|---|---|---|---|",
        ]
        lines += report.backlog.map {
            "| \($0.id) | \($0.priority) | \($0.control) | \(cell($0.owner)) | \($0.due) | \(cell(Format.action($0))) |"
        }
        if !report.frameworkView.isEmpty, let framework = report.framework {
            lines += ["", "## Framework view: \(framework)", "", "| Requirement | Controls |", "|---|---|"]
            lines += report.frameworkView.map { row in
                "| \(row.requirement) | "
                    + zip(row.controls, row.verdicts).map { "\($0) \($1)" }.joined(separator: ", ") + " |"
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A table cell: one line (`Format.fold`), with `|` escaped.
    static func cell(_ text: String) -> String {
        Format.fold(text).replacingOccurrences(of: "|", with: "\\|")
    }
}
