extension Timeline {
    public func render(_ format: ViewFormat) throws -> String {
        switch format {
        case .text: return TimelineText.render(self)
        case .markdown: return TimelineMarkdown.render(self)
        case .json: return String(decoding: try SeriesJSON.encoder.encode(self), as: UTF8.self) + "\n"
        case .html: return TimelineHTML.render(self)
        }
    }

    /// One line: runs, window, chain and missed runs.
    public var headline: String {
        let span =
            runs.isEmpty
            ? "no run" : "\(runs.count) run(s) from \(runs[0].collectedAt) to \(runs[runs.count - 1].collectedAt)"
        let missed = missedRuns.reduce(0) { $0 + $1.missed }
        return "\(span); chain \(chain.intact ? "intact" : "broken (\(chain.breaks.count) break(s))"); "
            + "\(missed) missed run(s) at one every \(window.expectEvery)"
    }

    /// Severities from worst to least, as the charts and tables order them.
    static let severities = ["critical", "high", "medium", "low"]
}
