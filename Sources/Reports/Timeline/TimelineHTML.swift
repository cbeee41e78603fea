import Foundation

/// `auditpack timeline --format html`: one self-contained page with a control × run heat-map and a
/// findings-over-time chart, both inline SVG (no scripts, nothing fetched).
enum TimelineHTML {
    static func render(_ timeline: Timeline) -> String {
        let e = HTMLReport.e
        var body = """
            <h1>AuditPack timeline</h1>
            <p class="meta">Cluster <code>\(e(timeline.cluster.id ?? "unknown"))</code> · \(e(timeline.cluster.server)) · \(e(timeline.headline))</p>
            <h2>Controls × runs</h2>
            \(TimelineCharts.heatMap(timeline))
            <h2>Findings over time</h2>
            \(TimelineCharts.findingsChart(timeline))
            <h2>Chain</h2>

            """
        if timeline.chain.intact {
            body += "<p>Intact: every run links to the one before it.</p>\n"
        } else {
            body +=
                "<table><thead><tr><th>Package</th><th>Break</th><th>Detail</th><th>Run before</th></tr></thead><tbody>\n"
            for item in timeline.chain.breaks {
                body +=
                    "<tr><td><code>\(e(item.package))</code></td><td>\(HTMLReport.badge("fail"))\u{a0}\(e(item.kind.rawValue))</td>"
                    + "<td>\(e(item.detail))</td><td><code>\(e(item.after))</code></td></tr>\n"
            }
            body += "</tbody></table>\n"
        }
        body += "<h2>Missed runs (expected every \(e(timeline.window.expectEvery)))</h2>\n"
        if timeline.missedRuns.isEmpty { body += "<p>None.</p>\n" }
        for gap in timeline.missedRuns {
            body += "<p>\(gap.missed) run(s) missing between \(e(gap.after)) and \(e(gap.before)).</p>\n"
        }
        body +=
            "<h2>Controls</h2>\n<table><thead><tr><th>Control</th><th>Passed</th><th>Runs</th><th>Not passing</th></tr></thead><tbody>\n"
        for control in timeline.controls {
            let intervals = control.failingIntervals.map {
                "\(e($0.from)) … \(e($0.to)) (\($0.runs) run(s): \(e($0.verdicts.joined(separator: ", "))))"
            }.joined(separator: "<br>")
            body +=
                "<tr><td><b>\(e(control.id))</b></td><td class=\"num\">\(Int((control.passRatio * 100).rounded()))%</td>"
                + "<td class=\"num\">\(control.runs)</td><td>\(intervals)</td></tr>\n"
        }
        body +=
            "</tbody></table>\n<h2>Runs</h2>\n<table><thead><tr><th>Collected</th><th>Package</th><th>Critical</th>"
            + "<th>High</th><th>Medium</th><th>Low</th><th>Wall</th></tr></thead><tbody>\n"
        for run in timeline.runs {
            let counts = Timeline.severities.map { "<td class=\"num\">\(run.findings[$0] ?? 0)</td>" }.joined()
            body +=
                "<tr><td>\(e(run.collectedAt))</td><td><code>\(e(run.package))</code></td>\(counts)"
                + "<td class=\"num\">\(Format.duration(milliseconds: run.wallMilliseconds))</td></tr>\n"
        }
        body += "</tbody></table>\n"
        return SeriesPage.wrap(title: "AuditPack timeline \(timeline.cluster.id ?? "")", body: body)
    }
}
