extension PackageDiff {
    public var regressions: [VerdictChange] { verdicts.filter(\.isRegression) }

    public var hasChanges: Bool {
        !verdicts.isEmpty || !findings.new.isEmpty || !findings.resolved.isEmpty || !evidence.isEmpty
    }

    /// Whether the `--fail-on` condition holds (exit 1).
    public func holds(_ condition: DiffFailOn) -> Bool {
        switch condition {
        case .newFindings: return !findings.new.isEmpty
        case .verdictRegression: return !regressions.isEmpty
        case .anyChange: return hasChanges
        }
    }

    /// One line of counts, for the top of every format.
    public var headline: String {
        let objects = evidence.reduce(into: (0, 0, 0)) {
            $0.0 += $1.added.count
            $0.1 += $1.removed.count
            $0.2 += $1.changed.count
        }
        let statuses = evidence.filter { $0.oldStatus != $0.newStatus }.count
        return "\(verdicts.count) verdict change(s) (\(regressions.count) regression(s)); findings: "
            + "\(findings.new.count) new, \(findings.resolved.count) resolved, \(findings.persisting.count) persisting; "
            + "evidence: \(objects.0) added, \(objects.1) removed, \(objects.2) changed"
            + (statuses == 0 ? "" : ", \(statuses) item status change(s)")
    }

    public func render(_ format: ViewFormat) throws -> String {
        switch format {
        case .text: return DiffText.render(self)
        case .markdown: return DiffMarkdown.render(self)
        case .json: return try encodedText()
        case .html: return DiffHTML.render(self)
        }
    }

    /// The stable JSON document (sorted keys, pretty-printed, trailing newline).
    public func encodedText() throws -> String {
        String(decoding: try SeriesJSON.encoder.encode(self), as: UTF8.self) + "\n"
    }
}
