import AuditPackCore
import Evaluation
import Foundation
import Reports

/// The judgements a timeline makes over runs in collection order: chain breaks, missed runs, and each
/// control's pass ratio and failing intervals.
enum SeriesAnalysis {
    /// A gap between runs counts as missed runs when it exceeds this many expected intervals.
    static let tolerance = 1.5

    static func breaks(_ runs: [Timeline.Run]) -> [Timeline.Break] {
        let position = Dictionary(
            runs.enumerated().map { ($1.manifestSHA256, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        let linkCounts = Dictionary(runs.compactMap(\.previousManifestSHA256).map { ($0, 1) }, uniquingKeysWith: +)
        var breaks: [Timeline.Break] = []
        for (index, run) in runs.enumerated().dropFirst() {
            let before = runs[index - 1]
            guard run.previousManifestSHA256 != before.manifestSHA256 else { continue }
            let kind: Timeline.Break.Kind
            let detail: String
            if let link = run.previousManifestSHA256 {
                if let target = position[link] {
                    if target > index {
                        kind = .outOfOrder
                        detail = "links to \(runs[target].package), collected later"
                    } else if (linkCounts[link] ?? 0) > 1 {
                        kind = .fork
                        detail = "links to \(runs[target].package), as another run does: the series forked"
                    } else {
                        kind = .skips
                        detail = "links to \(runs[target].package), skipping \(index - target - 1) run(s)"
                    }
                } else {
                    kind = .missingLink
                    detail =
                        "links to a package that is not in the series (manifest sha256 \(link.prefix(12))…): "
                        + "it is missing, or was collected from a package that was replaced"
                }
            } else {
                kind = .noLink
                detail = "records no previous package (collected without --previous)"
            }
            breaks.append(Timeline.Break(package: run.package, after: before.package, kind: kind, detail: detail))
        }
        return breaks
    }

    /// Gaps longer than `tolerance` × `every` between consecutive runs, and between the window's edges and
    /// the first and last run when `--from`/`--to` are given.
    static func missedRuns(_ dates: [Date], every: TimeInterval, from: Date?, to: Date?) -> [Timeline.MissedRun] {
        var missed: [Timeline.MissedRun] = []
        let limit = every * tolerance
        if let from, let first = dates.first, first.timeIntervalSince(from) > limit {
            let count = Int((first.timeIntervalSince(from) / every).rounded(.down))
            missed.append(.init(after: Timestamp.format(from), before: Timestamp.format(first), missed: max(1, count)))
        }
        for (earlier, later) in zip(dates, dates.dropFirst()) where later.timeIntervalSince(earlier) > limit {
            let count = Int((later.timeIntervalSince(earlier) / every).rounded()) - 1
            missed.append(
                .init(after: Timestamp.format(earlier), before: Timestamp.format(later), missed: max(1, count))
            )
        }
        if let to, let last = dates.last, to.timeIntervalSince(last) > limit {
            let count = Int((to.timeIntervalSince(last) / every).rounded(.down))
            missed.append(.init(after: Timestamp.format(last), before: Timestamp.format(to), missed: max(1, count)))
        }
        if dates.isEmpty, let from, let to, to.timeIntervalSince(from) > limit {
            let count = Int((to.timeIntervalSince(from) / every).rounded(.down))
            missed.append(.init(after: Timestamp.format(from), before: Timestamp.format(to), missed: max(1, count)))
        }
        return missed
    }

    static func controls(_ runs: [Timeline.Run]) -> [Timeline.ControlSeries] {
        let catalogOrder = (try? Catalog.builtIn())?.controls.map(\.id) ?? []
        let seen = Set(runs.flatMap(\.verdicts.keys))
        let ids = catalogOrder.filter(seen.contains) + seen.subtracting(catalogOrder).sorted()
        return ids.map { id in
            var intervals: [Timeline.Interval] = []
            var open: Timeline.Interval?
            var selected = 0
            var passed = 0
            for run in runs {
                guard let verdict = run.verdicts[id] else { continue }
                selected += 1
                if verdict == .pass {
                    passed += 1
                    if let finished = open { intervals.append(finished) }
                    open = nil
                } else if var current = open {
                    current.to = run.collectedAt
                    current.runs += 1
                    if !current.verdicts.contains(verdict.rawValue) { current.verdicts.append(verdict.rawValue) }
                    open = current
                } else {
                    open = Timeline.Interval(
                        from: run.collectedAt,
                        to: run.collectedAt,
                        runs: 1,
                        verdicts: [verdict.rawValue]
                    )
                }
            }
            if let finished = open { intervals.append(finished) }
            let ratio = selected == 0 ? 0 : (Double(passed) / Double(selected) * 10_000).rounded() / 10_000
            return Timeline.ControlSeries(id: id, passRatio: ratio, runs: selected, failingIntervals: intervals)
        }
    }
}
