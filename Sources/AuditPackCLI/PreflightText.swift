import AuditPackCore
import Foundation

/// How `preflight` prints its report.
enum PreflightText {
    static func render(_ report: PreflightReport) -> String {
        var lines = ["Server  \(report.server) as \(report.username ?? "an unknown identity")"]
        for item in report.items {
            let id = item.id.padding(toLength: 5, withPad: " ", startingAt: 0)
            let status = item.status.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0)
            let missing = item.missing.isEmpty ? "" : "  missing: " + item.missing.joined(separator: ", ")
            lines.append("\(id) \(status) \(item.description)\(missing)")
        }
        let counts = [PreflightReport.Status.allowed, .forbidden, .notInstalled].map { status in
            "\(report.items.filter { $0.status == status }.count) \(status.rawValue)"
        }
        lines.append("\(report.items.count) items: " + counts.joined(separator: ", "))
        if report.items.contains(where: { $0.status == .forbidden }) {
            lines.append("Grant what is missing: auditpack rbac --namespace NS | kubectl apply -f -")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ report: PreflightReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }
}
