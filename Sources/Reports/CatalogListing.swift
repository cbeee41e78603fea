import AuditPackCore
import Foundation

/// `auditpack controls`: the catalog as people read it (or as JSON): each control with its evidence, rules and
/// severities, thresholds and framework mapping.
public enum CatalogListing {
    public static func text(_ catalog: Catalog, framework: Framework? = nil) -> String {
        var lines: [String] = []
        for control in catalog.controls {
            let mapping =
                framework.map { $0.requirements(control).joined(separator: ", ") }
                ?? catalog.frameworks.map { "\($0.title): " + $0.requirements(control).joined(separator: ", ") }
                .joined(separator: " · ")
            lines.append("\(control.id)  \(control.title)  (manual ≈ \(control.manualMinutes) min, an estimate)")
            lines.append("     \(control.objective)")
            lines.append("     \(mapping)")
            for item in control.evidence {
                lines.append(
                    "     - \(item.id.padding(toLength: 5, withPad: " ", startingAt: 0)) \(item.file)  \(item.description)"
                )
            }
            for rule in control.rules {
                lines.append(
                    "     ! \(rule.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(rule.id)  "
                        + rule.title
                )
            }
            let thresholds = (control.thresholds ?? [:]).sorted { $0.key < $1.key }.map {
                "\($0.key)=\(describe($0.value))"
            }
            if !thresholds.isEmpty { lines.append("     thresholds: \(thresholds.joined(separator: ", "))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The whole catalog (controls, rules with severity, thresholds, frameworks) as JSON.
    public static func json(_ catalog: Catalog) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(catalog), as: UTF8.self) + "\n"
    }

    static func describe(_ value: Catalog.ThresholdValue) -> String {
        switch value {
        case .number(let number): return number == number.rounded() ? String(Int(number)) : String(number)
        case .flag(let flag): return String(flag)
        case .names(let names): return "[\(names.joined(separator: ", "))]"
        }
    }
}
