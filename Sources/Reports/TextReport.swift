import Foundation

/// The plain-text report: the brief's time-to-evidence table, gaps, failing controls, slowest items, backlog.
enum TextReport {
    static func render(_ report: AuditReport) -> String {
        var lines = [
            "AuditPack report — package \(report.packageID)",
            "Cluster \(report.cluster); collected \(report.collectedAt); evaluated \(report.evaluatedAt)",
            "",
            "TIME TO EVIDENCE",
            "Control  Collection  Manual      Status     Verdict",
        ]
        for row in report.timeToEvidence {
            lines.append(
                Format.pad(row.control, 9) + Format.pad(Format.duration(milliseconds: row.collectionMilliseconds), 12)
                    + Format.pad(Format.manual(minutes: row.manualMinutes), 12) + Format.pad(row.status, 11)
                    + row.verdict
            )
        }
        let totals = report.totals
        lines.append(
            "TOTAL    " + Format.pad(Format.duration(milliseconds: totals.wallMilliseconds), 12)
                + Format.pad(Format.manual(minutes: totals.manualMinutes), 12)
                + "\(totals.automationPercent)% automated; \(Format.baseline(totals))"
        )
        lines += ["", "GAPS (\(report.gaps.count))"]
        lines +=
            report.gaps.isEmpty
            ? ["none"] : report.gaps.map { Format.fold("\($0.item) \($0.status): \($0.reason) → \($0.fix)") }
        lines += report.covered.map { "\($0.item) not needed: \($0.coveredBy) carries its evidence." }
        lines += ["", "FAILING CONTROLS"]
        lines +=
            report.failing.isEmpty
            ? ["none"]
            : report.failing.map { result in
                let counts = Dictionary(grouping: result.findings, by: \.severity)
                    .sorted { $0.key > $1.key }.map { "\($0.value.count) \($0.key.rawValue)" }
                return "\(result.id) \(result.verdict.rawValue): \(counts.joined(separator: ", "))"
            }
        if !report.disabledRules.isEmpty {
            lines += ["", "DISABLED BY POLICY (\(report.disabledRules.count))"]
            lines += report.disabledRules.map {
                Format.fold("\($0.rule): \($0.findings) finding(s) set aside — \($0.reason)")
            }
        }
        lines += ["", "SLOWEST ITEMS"]
        lines += report.slowest.map {
            "\($0.item) \(Format.duration(milliseconds: $0.milliseconds)) \(Format.fold($0.description))"
        }
        lines += ["", "REMEDIATION BACKLOG (\(report.backlog.count))"]
        lines += report.backlog.map {
            "\($0.id) [\($0.priority)] \($0.control) \($0.owner) due \($0.due): \(Format.action($0))"
        }
        if !report.frameworkView.isEmpty, let framework = report.framework {
            lines += ["", "FRAMEWORK VIEW (\(framework))"]
            lines += report.frameworkView.map { row in
                "\(row.requirement): " + zip(row.controls, row.verdicts).map { "\($0) \($1)" }.joined(separator: ", ")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
