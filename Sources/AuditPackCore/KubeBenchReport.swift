import Foundation

/// kube-bench output, parsed from its JSON (`--json`, `{"Controls": [...], "Totals": {...}}`, a bare array,
/// or one control object per line) or its plain-text form (`[FAIL] 4.2.6 …` plus remediation blocks).
public struct KubeBenchReport: Sendable, Codable, Equatable {
    public enum Format: String, Sendable, Codable {
        case json
        case text
    }

    public struct Check: Sendable, Codable, Equatable {
        public var id: String
        public var description: String
        public var status: String
        public var remediation: String?
        /// The top-level section ("4" for worker nodes).
        public var section: String { String(id.prefix { $0 != "." }) }
    }

    public var format: Format
    public var checks: [Check]

    /// Counts and failing ids for one top-level section.
    public struct SectionSummary: Sendable, Codable, Equatable {
        public var section: String
        public var pass: Int
        public var fail: Int
        public var warn: Int
        public var info: Int
        public var failedChecks: [String]
        public var warnedChecks: [String]

        enum CodingKeys: String, CodingKey {
            case section, pass, fail, warn, info
            case failedChecks = "failed_checks"
            case warnedChecks = "warned_checks"
        }
    }

    public func summary(section: String) -> SectionSummary {
        let checks = checks.filter { $0.section == section }
        func ids(_ status: String) -> [String] { checks.filter { $0.status == status }.map(\.id) }
        return SectionSummary(
            section: section,
            pass: ids("PASS").count,
            fail: ids("FAIL").count,
            warn: ids("WARN").count,
            info: ids("INFO").count,
            failedChecks: ids("FAIL"),
            warnedChecks: ids("WARN")
        )
    }

    /// Parses either format; throws when the text is neither.
    public static func parse(_ data: Data) throws -> KubeBenchReport {
        if let json = parseJSON(data) { return json }
        let text = String(decoding: data, as: UTF8.self)
        let report = parseText(text)
        guard !report.checks.isEmpty else { throw KubeBenchError.unrecognised }
        return report
    }

    static func parseJSON(_ data: Data) -> KubeBenchReport? {
        var controls: [[String: Any]] = []
        if let object = try? JSONSerialization.jsonObject(with: data) {
            if let document = object as? [String: Any] {
                controls = document["Controls"] as? [[String: Any]] ?? (document["tests"] != nil ? [document] : [])
            } else if let array = object as? [[String: Any]] {
                controls = array
            }
        } else {
            // Older kube-bench printed one JSON object per target, one per line.
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                    return nil
                }
                controls.append(object)
            }
        }
        guard !controls.isEmpty else { return nil }
        var checks: [Check] = []
        for control in controls {
            for test in control["tests"] as? [[String: Any]] ?? [] {
                for result in test["results"] as? [[String: Any]] ?? [] {
                    guard let id = result["test_number"] as? String else { continue }
                    checks.append(
                        Check(
                            id: id,
                            description: result["test_desc"] as? String ?? "",
                            status: (result["status"] as? String ?? "").uppercased(),
                            remediation: (result["remediation"] as? String)?.trimmingCharacters(
                                in: .whitespacesAndNewlines
                            )
                        )
                    )
                }
            }
        }
        return KubeBenchReport(format: .json, checks: checks)
    }

    static func parseText(_ text: String) -> KubeBenchReport {
        var checks: [Check] = []
        var remediations: [String: String] = [:]
        var current: String?
        var inRemediations = false
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            if line.hasPrefix("== ") {
                inRemediations = line.hasPrefix("== Remediations")
                current = nil
                continue
            }
            if let check = statusLine(line) {
                checks.append(check)
                continue
            }
            guard inRemediations else { continue }
            if let space = line.firstIndex(of: " "), isCheckID(line[..<space]) {
                let id = String(line[..<space])
                current = id
                remediations[id] = String(line[line.index(after: space)...])
            } else if let id = current, !line.isEmpty {
                remediations[id, default: ""] += "\n" + line
            }
        }
        return KubeBenchReport(
            format: .text,
            checks: checks.map { check in
                var check = check
                check.remediation = remediations[check.id]?.trimmingCharacters(in: .whitespacesAndNewlines)
                return check
            }
        )
    }

    private static func statusLine(_ line: String) -> Check? {
        guard line.hasPrefix("["), let close = line.firstIndex(of: "]") else { return nil }
        let status = String(line[line.index(after: line.startIndex)..<close])
        guard ["PASS", "FAIL", "WARN", "INFO"].contains(status) else { return nil }
        let rest = line[line.index(after: close)...].trimmingCharacters(in: .whitespaces)
        guard let space = rest.firstIndex(of: " "), isCheckID(rest[..<space]) else { return nil }
        return Check(id: String(rest[..<space]), description: String(rest[rest.index(after: space)...]), status: status)
    }

    /// Check ids have at least three dot-separated numbers (4.2.6); "4" and "4.2" are headings.
    private static func isCheckID(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count >= 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }
}
