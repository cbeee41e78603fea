/// `auditpack timeline --format markdown`: for the audit working papers.
enum TimelineMarkdown {
    static func render(_ timeline: Timeline) -> String {
        let ids = timeline.controls.map(\.id)
        var lines = [
            "# AuditPack timeline", "",
            "Cluster `\(timeline.cluster.id ?? "unknown")` (\(timeline.cluster.server)). \(timeline.headline).", "",
            "## Runs", "",
            "| collected | " + ids.joined(separator: " | ") + " | critical | high | medium | low | wall | package |",
            "|---|" + String(repeating: "---|", count: ids.count + 6),
        ]
        for run in timeline.runs {
            let cells = ids.map { run.verdicts[$0]?.rawValue ?? "—" }
            let counts = Timeline.severities.map { String(run.findings[$0] ?? 0) }
            lines.append(
                "| \(run.collectedAt) | " + (cells + counts).joined(separator: " | ")
                    + " | \(Format.duration(milliseconds: run.wallMilliseconds)) | `\(DiffMarkdown.cell(run.package))` |"
            )
        }
        lines += [
            "", "## Chain", "", timeline.chain.intact ? "Intact: every run links to the one before it." : "Broken:", "",
        ]
        for item in timeline.chain.breaks {
            lines.append("- `\(DiffMarkdown.cell(item.package))` — **\(item.kind.rawValue)**: \(item.detail)")
        }
        lines += ["", "## Missed runs (expected every \(timeline.window.expectEvery))", ""]
        if timeline.missedRuns.isEmpty { lines.append("None.") }
        for gap in timeline.missedRuns {
            lines.append("- \(gap.missed) run(s) missing between \(gap.after) and \(gap.before)")
        }
        lines += ["", "## Controls", "", "| control | passed | runs | not passing |", "|---|---|---|---|"]
        for control in timeline.controls {
            let intervals = control.failingIntervals.map {
                "\($0.from) … \($0.to) (\($0.runs), \($0.verdicts.joined(separator: "/")))"
            }.joined(separator: "<br>")
            lines.append(
                "| \(control.id) | \(Int((control.passRatio * 100).rounded()))% | \(control.runs) | \(intervals) |"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
