import AuditPackCore
import Foundation

/// The two inline SVG charts of the timeline page.
enum TimelineCharts {
    static let verdictColors = [
        "pass": "#2e8540", "warn": "#c27c0e", "fail": "#c0392b", "not_assessed": "#6b7280",
    ]
    static let severityColors = ["critical": "#7b1d1d", "high": "#c0392b", "medium": "#c27c0e", "low": "#2e8540"]

    /// One row per control, one column per run, each cell coloured by the verdict (hover: run and verdict).
    static func heatMap(_ timeline: Timeline) -> String {
        let e = HTMLReport.e
        let runs = timeline.runs
        let cell = max(6.0, min(28.0, 900.0 / Double(max(runs.count, 1))))
        let left = 50.0
        let top = 10.0
        let width = left + cell * Double(runs.count) + 10
        let height = top + 26 * Double(timeline.controls.count) + 90
        var svg =
            "<svg class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "role=\"img\" aria-label=\"verdict of every control in every run\">\n"
        for (row, control) in timeline.controls.enumerated() {
            let y = top + 26 * Double(row)
            svg += "<text x=\"0\" y=\"\(y + 16)\">\(e(control.id))</text>\n"
            for (column, run) in runs.enumerated() {
                let verdict = run.verdicts[control.id]?.rawValue ?? "absent"
                let x = left + cell * Double(column)
                svg +=
                    "<rect class=\"cell \(verdict)\" x=\"\(x)\" y=\"\(y)\" width=\"\(cell - 1)\" height=\"24\" "
                    + "fill=\"\(verdictColors[verdict] ?? "#e5e7eb")\"><title>\(e(control.id)) \(e(run.collectedAt)): "
                    + "\(verdict)</title></rect>\n"
            }
        }
        let axis = top + 26 * Double(timeline.controls.count) + 6
        let step = max(1, Int((60 / cell).rounded(.up)))
        for (column, run) in runs.enumerated() where column % step == 0 {
            let x = left + cell * Double(column) + cell / 2
            svg +=
                "<text x=\"\(x)\" y=\"\(axis)\" transform=\"rotate(60 \(x) \(axis))\">\(e(String(run.collectedAt.prefix(10))))</text>\n"
        }
        let legend = axis + 74
        for (index, verdict) in ["pass", "warn", "fail", "not_assessed"].enumerated() {
            let x = left + 110 * Double(index)
            svg +=
                "<rect x=\"\(x)\" y=\"\(legend - 10)\" width=\"12\" height=\"12\" fill=\"\(verdictColors[verdict]!)\"/>"
                + "<text x=\"\(x + 16)\" y=\"\(legend)\">\(verdict.replacingOccurrences(of: "_", with: " "))</text>\n"
        }
        return svg + "</svg>"
    }

    /// Finding counts by severity per run, over collection time (one line per severity).
    static func findingsChart(_ timeline: Timeline) -> String {
        let runs = timeline.runs
        let width = 900.0
        let height = 260.0
        let left = 50.0
        let bottom = 220.0
        let top = 20.0
        let dates = runs.map { Timestamp.parse($0.collectedAt) ?? .distantPast }
        let start = dates.first ?? Date()
        let span = max(1, (dates.last ?? start).timeIntervalSince(start))
        let maximum = max(1, runs.flatMap { run in Timeline.severities.map { run.findings[$0] ?? 0 } }.max() ?? 1)
        func x(_ index: Int) -> Double {
            runs.count < 2
                ? left + (width - left - 20) / 2
                : left + (width - left - 20) * dates[index].timeIntervalSince(start) / span
        }
        func y(_ count: Int) -> Double { bottom - (bottom - top) * Double(count) / Double(maximum) }
        var svg =
            "<svg class=\"findings-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "role=\"img\" aria-label=\"findings by severity over time\">\n"
            + "<line x1=\"\(left)\" y1=\"\(bottom)\" x2=\"\(width - 10)\" y2=\"\(bottom)\" stroke=\"#889\"/>"
            + "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(bottom)\" stroke=\"#889\"/>\n"
            + "<text x=\"0\" y=\"\(top + 4)\">\(maximum)</text><text x=\"0\" y=\"\(bottom)\">0</text>\n"
        if let first = runs.first, let last = runs.last {
            svg +=
                "<text x=\"\(left)\" y=\"\(bottom + 18)\">\(HTMLReport.e(String(first.collectedAt.prefix(10))))</text>"
                + "<text x=\"\(width - 90)\" y=\"\(bottom + 18)\">\(HTMLReport.e(String(last.collectedAt.prefix(10))))</text>\n"
        }
        for (index, severity) in Timeline.severities.enumerated() {
            let color = severityColors[severity]!
            let points = runs.indices.map { "\(x($0)),\(y(runs[$0].findings[severity] ?? 0))" }.joined(separator: " ")
            svg +=
                "<polyline class=\"series \(severity)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points)\"/>\n"
            for run in runs.indices {
                let count = runs[run].findings[severity] ?? 0
                svg +=
                    "<circle cx=\"\(x(run))\" cy=\"\(y(count))\" r=\"3\" fill=\"\(color)\"><title>\(severity) "
                    + "\(HTMLReport.e(runs[run].collectedAt)): \(count)</title></circle>\n"
            }
            let legendX = left + 110 * Double(index)
            svg +=
                "<rect x=\"\(legendX)\" y=\"\(height - 16)\" width=\"12\" height=\"12\" fill=\"\(color)\"/>"
                + "<text x=\"\(legendX + 16)\" y=\"\(height - 6)\">\(severity)</text>\n"
        }
        return svg + "</svg>"
    }
}
