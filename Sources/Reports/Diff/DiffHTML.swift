import Evaluation

/// `auditpack diff --format html`: one self-contained page (inline CSS, no scripts, nothing fetched).
enum DiffHTML {
    static func render(_ diff: PackageDiff) -> String {
        let e = HTMLReport.e
        var body =
            "<h1>AuditPack diff</h1>\n<table><thead><tr><th></th><th>Package</th><th>Collected</th>"
            + "<th>Cluster</th><th>Manifest sha256</th><th>Signature</th></tr></thead><tbody>\n"
        for (label, summary) in [("OLD", diff.old), ("NEW", diff.new)] {
            body +=
                "<tr><td><b>\(label)</b></td><td><code>\(e(summary.package))</code></td><td>\(e(summary.collectedAt))</td>"
                + "<td><code>\(e(summary.clusterKey))</code></td><td><code>\(summary.manifestSHA256.prefix(12))…</code></td>"
                + "<td>\(e(summary.signature))</td></tr>\n"
        }
        body += "</tbody></table>\n"
        body += diff.warnings.map { "<p class=\"warning\"><b>Warning:</b> \(e($0))</p>\n" }.joined()
        body += diff.notes.map { "<p class=\"note\"><b>Note:</b> \(e($0))</p>\n" }.joined()
        body += "<p><b>\(e(diff.headline))</b></p>\n<h2>Verdicts</h2>\n"
        if diff.verdicts.isEmpty {
            body += "<p>No verdict changed.</p>\n"
        } else {
            body += "<table><thead><tr><th>Control</th><th>Old</th><th>New</th><th></th></tr></thead><tbody>\n"
            for change in diff.verdicts {
                body +=
                    "<tr><td><b>\(e(change.control))</b></td><td>\(badge(change.old))</td><td>\(badge(change.new))</td>"
                    + "<td>\(change.isRegression ? "<b>regression</b>" : "")</td></tr>\n"
            }
            body += "</tbody></table>\n"
        }
        body += "<h2>Findings</h2>\n"
        for (title, findings) in [("New", diff.findings.new), ("Resolved", diff.findings.resolved)] {
            body += "<h3>\(title) (\(findings.count))</h3>\n"
            guard !findings.isEmpty else {
                body += "<p>None.</p>\n"
                continue
            }
            body +=
                "<table><thead><tr><th>Control</th><th>Severity</th><th>Rule</th><th>Object</th><th>Message</th>"
                + "</tr></thead><tbody>\n"
            for finding in findings.prefix(DiffText.listLimit) {
                body +=
                    "<tr><td>\(e(finding.control))</td><td>\(HTMLReport.badge(finding.severity.rawValue))</td>"
                    + "<td><code>\(e(finding.rule))</code></td><td>\(e(DiffWording.object(finding.object)))</td>"
                    + "<td>\(e(finding.message))</td></tr>\n"
            }
            body += "</tbody></table>\n" + more(findings.count)
        }
        body += "<p>Persisting: \(diff.findings.persisting.count).</p>\n<h2>Evidence</h2>\n"
        if diff.evidence.isEmpty { body += "<p>No object added, removed or changed.</p>\n" }
        for item in diff.evidence {
            body += "<h3>\(e(item.item)) <code>\(e(item.file))</code></h3>\n"
            if item.oldStatus != item.newStatus {
                body += "<p>Status \(badge(item.oldStatus)) → \(badge(item.newStatus))</p>\n"
            }
            let rows = [("added", item.added), ("removed", item.removed), ("changed", item.changed)]
            guard rows.contains(where: { !$0.1.isEmpty }) else { continue }
            body += "<table><thead><tr><th>Change</th><th>Object</th><th>Detail</th></tr></thead><tbody>\n"
            for (change, objects) in rows {
                for object in objects.prefix(DiffText.listLimit) {
                    body +=
                        "<tr class=\"\(change)\"><td>\(change)</td><td>\(e(object.label))</td>"
                        + "<td>\(e(object.detail ?? ""))</td></tr>\n"
                }
                if objects.count > DiffText.listLimit {
                    body +=
                        "<tr><td>\(change)</td><td colspan=\"2\">… and \(objects.count - DiffText.listLimit) more</td></tr>\n"
                }
            }
            body += "</tbody></table>\n"
        }
        return SeriesPage.wrap(title: "AuditPack diff \(diff.old.package) → \(diff.new.package)", body: body)
    }

    private static func badge(_ verdict: Verdict?) -> String {
        verdict.map { HTMLReport.badge($0.rawValue) } ?? "<i>not selected</i>"
    }

    private static func badge(_ status: String?) -> String {
        status.map(HTMLReport.badge) ?? "<i>absent</i>"
    }

    private static func more(_ count: Int) -> String {
        count > DiffText.listLimit
            ? "<p>… and \(count - DiffText.listLimit) more (<code>--format json</code> lists all).</p>\n" : ""
    }
}
