import Foundation

/// Output formats of `auditpack report`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, markdown, json, csv, html
    /// OSCAL 1.2 assessment results, and the assessment plan they import.
    case oscal
    case oscalPlan = "oscal-plan"

    /// OSCAL documents are made from the package itself (`OSCALExport`), not from an `AuditReport`.
    public var isOSCAL: Bool { self == .oscal || self == .oscalPlan }

    public func render(_ report: AuditReport) throws -> String {
        switch self {
        case .oscal, .oscalPlan: throw OSCALError.needsPackage
        case .text: return TextReport.render(report)
        case .markdown: return MarkdownReport.render(report)
        case .json: return try JSONReport.render(report)
        case .csv: return BacklogCSV.render(report.backlog)
        case .html: return HTMLReport.render(report)
        }
    }
}

/// Shared number formatting.
enum Format {
    static func duration(milliseconds: Int) -> String {
        milliseconds < 1_000 ? "\(milliseconds)ms" : String(format: "%.1fs", Double(milliseconds) / 1_000)
    }

    static func manual(minutes: Int) -> String {
        minutes < 60
            ? "~\(minutes) min"
            : minutes % 60 == 0 ? "~\(minutes / 60) h" : String(format: "~%.1f h", Double(minutes) / 60)
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// One line: every run of whitespace (line breaks of multi-line remediation text, tabs, indentation)
    /// becomes one space, so a row of a text, Markdown or CSV report stays one row.
    static func fold(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
    }

    /// "manual baseline ~2.9 h (estimate) vs automated 950ms": the manual side is the catalog's estimate, so
    /// no ratio of the two is printed.
    static func baseline(_ totals: AuditReport.Totals) -> String {
        "manual baseline \(manual(minutes: totals.manualMinutes))\(totals.manualIsEstimate ? " (estimate)" : "") "
            + "vs automated \(duration(milliseconds: totals.wallMilliseconds))"
    }

    /// A backlog item's action, with the detectors behind its findings when the secret scan found them.
    static func action(_ item: AuditReport.BacklogItem) -> String {
        fold(item.action) + (item.detectors.isEmpty ? "" : " (detected by \(item.detectors.joined(separator: ", ")))")
    }
}

enum JSONReport {
    static func render(_ report: AuditReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }
}

/// The backlog as CSV (RFC 4180), ready to import into a tracker.
public enum BacklogCSV {
    public static func render(_ backlog: [AuditReport.BacklogItem]) -> String {
        var lines = ["id,control,priority,severity,owner,due,action,objects,rule,source,detectors"]
        for item in backlog {
            let fields = [
                item.id, item.control, item.priority, item.severity, item.owner, item.due, item.action,
                item.objects.joined(separator: "; "), item.rule, item.source, item.detectors.joined(separator: "; "),
            ]
            lines.append(fields.map(quote).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    public static func quote(_ field: String) -> String {
        let flat = Format.fold(field)
        guard
            flat.contains(where: { [",", "\"", "\r"].contains($0) }) || flat.first.map({ "=+-@".contains($0) }) == true
        else { return flat }
        // A leading = + - @ would be a formula in spreadsheets: quote it and neutralise it.
        let safe = flat.first.map({ "=+-@".contains($0) }) == true ? "'" + flat : flat
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
