import Evaluation

/// `auditpack timeline --format text`.
enum TimelineText {
    static func render(_ timeline: Timeline) -> String {
        var lines = [
            "AuditPack timeline — cluster \(timeline.cluster.id ?? timeline.cluster.server)", timeline.headline, "",
        ]
        let ids = timeline.controls.map(\.id)
        lines.append("Runs")
        lines.append(
            "  " + Format.pad("collected", 21) + ids.map { Format.pad($0, 5) }.joined()
                + "crit high med  low   wall     package"
        )
        for run in timeline.runs {
            let cells = ids.map { Format.pad(mark(run.verdicts[$0]), 5) }.joined()
            let counts = Timeline.severities.map { Format.pad(String(run.findings[$0] ?? 0), 5) }.joined()
            lines.append(
                "  \(Format.pad(run.collectedAt, 21))\(cells)\(counts)"
                    + "\(Format.pad(Format.duration(milliseconds: run.wallMilliseconds), 9))\(run.package)"
            )
        }
        lines += ["", "Chain: \(timeline.chain.intact ? "intact" : "broken")"]
        for item in timeline.chain.breaks {
            lines.append("  ✗ \(item.package) (\(item.kind.rawValue)): \(item.detail); the run before is \(item.after)")
        }
        lines += [
            "",
            "Missed runs (expected every \(timeline.window.expectEvery)): \(timeline.missedRuns.isEmpty ? "none" : "")",
        ]
        for gap in timeline.missedRuns {
            lines.append("  \(gap.missed) run(s) missing between \(gap.after) and \(gap.before)")
        }
        lines += ["", "Controls"]
        for control in timeline.controls {
            let percent = Int((control.passRatio * 100).rounded())
            lines.append("  \(control.id)  passed \(percent)% of \(control.runs) run(s)")
            for interval in control.failingIntervals {
                lines.append(
                    "    not passing \(interval.from) … \(interval.to) (\(interval.runs) run(s): "
                        + "\(interval.verdicts.joined(separator: ", ")))"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func mark(_ verdict: Verdict?) -> String {
        switch verdict {
        case .pass?: return "✓"
        case .warn?: return "!"
        case .fail?: return "✗"
        case .notAssessed?: return "–"
        case nil: return "·"
        }
    }
}
