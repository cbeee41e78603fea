import AuditPackCore
import Foundation
import Workflows

/// What `collect` prints: a line per item as it finishes, then a summary like the brief's.
enum ProgressText {
    static func line(_ entry: Manifest.Entry) -> String {
        let what = "\(entry.id.padding(toLength: 5, withPad: " ", startingAt: 0)) \(entry.description)"
        guard entry.status == .ok else {
            return "\(mark(entry.status)) \(what) … \(entry.status.rawValue): \(entry.note ?? "")"
        }
        var facts: [String] = []
        if let count = entry.itemCount { facts.append("\(grouped(count)) items") }
        let pages = entry.requests.reduce(0) { $0 + $1.pages }
        if pages > 0 { facts.append("\(pages) page\(pages == 1 ? "" : "s")") }
        facts.append("\(entry.elapsedMilliseconds) ms")
        return "\(mark(entry.status)) \(what) … \(facts.joined(separator: ", "))"
    }

    static func summary(_ result: CollectWorkflow.Result) -> String {
        let manifest = result.manifest
        let controls = Set(manifest.controls.map(\.control))
        let missing = result.incomplete.map(\.id)
        var lines = [
            "",
            "✓ Package: \(result.package.path)",
            "  Cluster            : \(manifest.cluster.server) (\(manifest.cluster.serverVersion), id \(manifest.cluster.clusterID ?? "unknown"))",
            "  Collected by       : \(manifest.collector.username)",
            "  Controls collected : \(controls.count) (\(manifest.controls.count) evidence items)",
            "  Wall time          : \(seconds(manifest.run.wallMilliseconds)) (sum of item times \(seconds(manifest.run.itemMillisecondsSum)))",
            "  Errors             : \(result.incomplete.filter { $0.status == .error }.count)",
        ]
        if !missing.isEmpty {
            let described = result.incomplete.map { "\($0.id) (\($0.status.rawValue))" }
            lines.append("  Missing            : \(described.joined(separator: ", "))")
        }
        lines.append("  SHA-256            : \(result.packageSHA256)")
        return lines.joined(separator: "\n")
    }

    static func json(_ result: CollectWorkflow.Result) -> String {
        let manifest = result.manifest
        let document: [String: Any] = [
            "package": result.package.path, "sha256": result.packageSHA256, "package_id": manifest.packageID,
            "wall_ms": manifest.run.wallMilliseconds, "items_ms_sum": manifest.run.itemMillisecondsSum,
            "items": manifest.controls.map {
                ["id": $0.id, "status": $0.status.rawValue, "elapsed_ms": $0.elapsedMilliseconds]
            },
            "incomplete": result.incomplete.map(\.id),
        ]
        let data =
            (try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func mark(_ status: ItemStatus) -> String {
        switch status {
        case .ok: return "✓"
        case .notApplicable: return "–"
        default: return "⚠"
        }
    }

    static func seconds(_ milliseconds: Int) -> String {
        String(format: "%.2fs", Double(milliseconds) / 1000)
    }

    static func grouped(_ number: Int) -> String {
        let formatter = NumberFormatter()
        formatter.numberStyle = .decimal
        formatter.locale = Locale(identifier: "en_US")
        return formatter.string(from: NSNumber(value: number)) ?? "\(number)"
    }
}
