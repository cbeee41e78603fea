import Foundation

extension FleetSummary {
    /// A plain-text matrix: one row per cluster, one column per control.
    public func text() -> String {
        let ids = controlIDs
        var lines = ["Fleet summary (\(generatedAt)): \(clusters.count) cluster(s)"]
        lines.append(
            "context".padding(toLength: 24, withPad: " ", startingAt: 0) + " status   "
                + ids.map { $0.padding(toLength: 6, withPad: " ", startingAt: 0) }.joined()
        )
        for cluster in clusters {
            var row = String(cluster.context.prefix(23)).padding(toLength: 24, withPad: " ", startingAt: 0) + " "
            row += cluster.status.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
            row += ids.map { Self.mark(cluster.verdicts[$0]).padding(toLength: 6, withPad: " ", startingAt: 0) }
                .joined()
            lines.append(row)
            if let reason = cluster.reason { lines.append("    \(cluster.status == .failed ? "✗" : "!") \(reason)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func mark(_ verdict: String?) -> String {
        switch verdict {
        case "pass": return "✓"
        case "fail": return "✗"
        case "warn": return "!"
        case "not_assessed": return "–"
        default: return "·"
        }
    }

    /// Self-contained HTML (inline CSS, no scripts): the matrix with finding counts in each cell.
    public func html() -> String {
        let ids = controlIDs
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var rows = ""
        for cluster in clusters {
            rows +=
                "<tr><th scope=\"row\">\(escape(cluster.context))<br><small>\(escape(cluster.server ?? ""))</small></th>"
            rows += "<td class=\"\(cluster.status.rawValue)\">\(cluster.status.rawValue)"
            if let reason = cluster.reason { rows += "<br><small>\(escape(reason))</small>" }
            rows += "</td>"
            for id in ids {
                let verdict = cluster.verdicts[id] ?? "none"
                let counts = (cluster.findings[id] ?? [:]).sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                rows += "<td class=\"\(escape(verdict))\">\(escape(verdict))"
                if !counts.isEmpty { rows += "<br><small>\(escape(counts.joined(separator: ", ")))</small>" }
                rows += "</td>"
            }
            rows += "</tr>\n"
        }
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>AuditPack fleet summary</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2rem;color:#1b1f24}
            table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:.4rem .6rem;text-align:center}
            th[scope=row]{text-align:left}.pass,.ok{background:#dafbe1}.fail,.failed{background:#ffebe9}
            .warn,.partial{background:#fff8c5}.not_assessed,.none{background:#f6f8fa}small{color:#57606a}
            </style></head><body>
            <h1>Fleet summary</h1><p>Generated \(escape(generatedAt)) — \(clusters.count) cluster(s).</p>
            <table><thead><tr><th>cluster</th><th>status</th>\(ids.map { "<th>\(escape($0))</th>" }.joined())</tr></thead>
            <tbody>
            \(rows)</tbody></table></body></html>

            """
    }
}
