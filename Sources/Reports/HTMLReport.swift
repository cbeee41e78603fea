import Foundation

/// One self-contained HTML file: inline CSS, an inline SVG chart, no scripts, no external requests.
public enum HTMLReport {
    /// Findings listed per rule and control; findings.json holds the rest.
    public static let rowsPerRule = 100

    public static func render(_ report: AuditReport) -> String {
        let totals = report.totals
        var body = """
            <h1>AuditPack report</h1>
            <p class="meta">Package <code>\(e(report.packageID))</code> · cluster \(e(report.cluster)) · collected \(e(report.collectedAt)) · evaluated \(e(report.evaluatedAt))</p>
            <div class="cards">
              <div class="card"><b>\(Format.duration(milliseconds: totals.wallMilliseconds))</b>automated wall time</div>
              <div class="card"><b>\(Format.manual(minutes: totals.manualMinutes))</b>manual baseline (estimate)</div>
              <div class="card"><b>\(totals.automationPercent)%</b>automated</div>
            </div>
            <h2>Time to evidence</h2>
            \(TimeChart.svg(report.timeToEvidence))
            <table><thead><tr><th>Control</th><th>Collection</th><th>Manual</th><th>Status</th><th>Verdict</th><th>Evidence</th></tr></thead><tbody>
            """
        for row in report.timeToEvidence {
            let files = report.evidenceFiles.filter { $0.key.hasPrefix(row.control) }.values.sorted()
                .map { "<code>\(e($0))</code>" }.joined(separator: " ")
            body +=
                "<tr><td><b>\(row.control)</b> \(e(row.title))</td><td class=\"num\">\(Format.duration(milliseconds: row.collectionMilliseconds))</td>"
                + "<td class=\"num\">\(Format.manual(minutes: row.manualMinutes))</td><td>\(row.status)</td><td>\(badge(row.verdict))</td>"
                + "<td class=\"files\">\(files)</td></tr>\n"
        }
        body += "</tbody></table>\n<h2>Gaps</h2>\n"
        if report.gaps.isEmpty {
            body += "<p>None: every evidence item was collected.</p>\n"
        } else {
            body += "<table><thead><tr><th>Item</th><th>Status</th><th>Why</th><th>Fix</th></tr></thead><tbody>\n"
            for gap in report.gaps {
                body +=
                    "<tr><td>\(e(gap.item))</td><td>\(badge(gap.status))</td><td>\(e(gap.reason))</td><td>\(e(gap.fix))</td></tr>\n"
            }
            body += "</tbody></table>\n"
        }
        for item in report.covered {
            body += "<p>Not needed: \(e(item.item)) — \(e(item.coveredBy)) carries its evidence.</p>\n"
        }
        body += "<h2>Findings</h2>\n"
        for result in report.failing {
            body += "<h3>\(result.id) \(badge(result.verdict.rawValue))</h3><ul>\n"
            // At most `rowsPerRule` rows per rule (a large cluster has tens of thousands of findings); the rest are
            // counted, and findings.json keeps them all.
            var shown: [String: Int] = [:]
            var rules: [String] = []
            for finding in result.findings {
                let count = shown[finding.rule, default: 0]
                if count == 0 { rules.append(finding.rule) }
                shown[finding.rule] = count + 1
                guard count < rowsPerRule else { continue }
                body +=
                    "<li>\(badge(finding.severity.rawValue)) <code>\(e(finding.rule))</code> \(e(finding.message))"
                    + (finding.originalSeverity.map {
                        " <small>(catalog severity \($0.rawValue), changed by policy)</small>"
                    } ?? "")
                    + (finding.detector.map { " <small>detected by <code>\(e($0))</code></small>" } ?? "") + "</li>\n"
            }
            for rule in rules where shown[rule, default: 0] > rowsPerRule {
                body +=
                    "<li class=\"more\">… and \(shown[rule, default: 0] - rowsPerRule) more <code>\(e(rule))</code> findings "
                    + "(findings.json lists every one)</li>\n"
            }
            body += "</ul>\n"
        }
        for row in report.disabledRules {
            body +=
                "<p>Disabled by policy: <code>\(e(row.rule))</code> (\(row.findings) finding(s) set aside) — \(e(row.reason))</p>\n"
        }
        body += permissionsSection(report)
        body +=
            "<h2>Remediation backlog</h2>\n<table><thead><tr><th>ID</th><th>Priority</th><th>Control</th><th>Owner</th><th>Due</th><th>Action</th></tr></thead><tbody>\n"
        for item in report.backlog {
            body +=
                "<tr><td>\(item.id)</td><td>\(e(item.priority))</td><td>\(item.control)</td><td>\(e(item.owner))</td><td>\(item.due)</td><td>\(e(Format.action(item)))</td></tr>\n"
        }
        body += "</tbody></table>\n"
        if let framework = report.framework, !report.frameworkView.isEmpty {
            body +=
                "<h2>Framework view: \(e(framework))</h2>\n<table><thead><tr><th>Requirement</th><th>Controls</th></tr></thead><tbody>\n"
            for row in report.frameworkView {
                let cells = zip(row.controls, row.verdicts).map { "\($0) \(badge($1))" }.joined(separator: " ")
                body += "<tr><td>\(e(row.requirement))</td><td>\(cells)</td></tr>\n"
            }
            body += "</tbody></table>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>AuditPack report \(e(report.packageID))</title>
            <style>\(style)</style></head>
            <body>
            \(body)</body></html>

            """
    }

    static let style = """
        body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#1d2330;padding:0 1rem}
        h1{margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:1px solid #dde;padding-bottom:.2rem}.meta{color:#556}
        table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border-bottom:1px solid #e4e6ef;padding:.35rem .5rem;text-align:left;vertical-align:top}
        th{background:#f4f5fa}.num{text-align:right;white-space:nowrap}.files code{font-size:12px;color:#445}
        .cards{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}.card{background:#f4f5fa;border-radius:8px;padding:.7rem 1rem;min-width:150px;color:#556}
        .card b{display:block;font-size:1.6rem;color:#1d2330}.badge{display:inline-block;border-radius:10px;padding:0 .5rem;font-size:12px;font-weight:600;color:#fff}
        .pass,.ok,.low{background:#2e8540}.warn,.medium,.partial{background:#c27c0e}.fail,.critical,.high,.error,.forbidden{background:#c0392b}
        .not_assessed,.not_installed,.not_applicable,.not_evaluated,.gap{background:#6b7280}svg text{font:12px system-ui,sans-serif}
        """

    static func badge(_ value: String) -> String {
        "<span class=\"badge \(e(value))\">\(e(value.replacingOccurrences(of: "_", with: " ")))</span>"
    }

    /// HTML-escapes text.
    /// One pass over the UTF-8 (four `replacingOccurrences` calls per string went through NSString and were
    /// most of the report's time on a large cluster).
    static func e(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }
}

/// Automated vs manual time per control as horizontal bars on a log scale (milliseconds to hours).
enum TimeChart {
    static func svg(_ rows: [AuditReport.TimeRow]) -> String {
        let width = 1000.0
        let left = 70.0
        let rowHeight = 34.0
        let height = Double(rows.count) * rowHeight + 40
        let minimum = log10(10.0)  // 10 ms
        let maximum = log10(8 * 3_600_000.0)  // 8 h
        func x(_ milliseconds: Double) -> Double {
            let clamped = min(max(log10(max(milliseconds, 10)), minimum), maximum)
            return left + (clamped - minimum) / (maximum - minimum) * (width - left - 20)
        }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" "
            + "aria-label=\"Automated versus manual time per control (log scale)\">\n"
        for (label, ms) in [("10 ms", 10.0), ("1 s", 1_000.0), ("1 min", 60_000.0), ("1 h", 3_600_000.0)] {
            let position = x(ms)
            svg +=
                "<line x1=\"\(Int(position))\" y1=\"0\" x2=\"\(Int(position))\" y2=\"\(Int(height - 20))\" stroke=\"#dde\"/>"
                + "<text x=\"\(Int(position) + 3)\" y=\"\(Int(height - 6))\" fill=\"#667\">\(label)</text>\n"
        }
        for (index, row) in rows.enumerated() {
            let top = Double(index) * rowHeight + 4
            let automated = x(Double(max(row.collectionMilliseconds, 1)))
            let manual = x(Double(row.manualMinutes) * 60_000)
            svg +=
                "<text x=\"4\" y=\"\(Int(top + 18))\">\(row.control)</text>"
                + "<rect x=\"\(Int(left))\" y=\"\(Int(top))\" width=\"\(Int(max(manual - left, 1)))\" height=\"12\" fill=\"#c9cde0\"><title>\(row.control) manual \(Format.manual(minutes: row.manualMinutes))</title></rect>"
                + "<rect x=\"\(Int(left))\" y=\"\(Int(top + 14))\" width=\"\(Int(max(automated - left, 1)))\" height=\"12\" fill=\"#2f6fdf\"><title>\(row.control) automated \(Format.duration(milliseconds: row.collectionMilliseconds))</title></rect>\n"
        }
        svg +=
            "<rect x=\"\(Int(width - 250))\" y=\"4\" width=\"10\" height=\"10\" fill=\"#c9cde0\"/><text x=\"\(Int(width - 235))\" y=\"13\">manual</text>"
            + "<rect x=\"\(Int(width - 170))\" y=\"4\" width=\"10\" height=\"10\" fill=\"#2f6fdf\"/><text x=\"\(Int(width - 155))\" y=\"13\">automated</text>\n</svg>"
        return svg
    }
}
