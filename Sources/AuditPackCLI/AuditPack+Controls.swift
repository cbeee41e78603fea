import ArgumentParser
import AuditPackCore
import Foundation
import Reports

extension AuditPack {
    /// `auditpack controls`: the catalog, optionally viewed through one framework.
    struct Controls: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the controls, their evidence and their framework mappings."
        )

        @Option(help: "Show the mapping of one framework: soc2, iso27001, pci-dss or nist-800-53.")
        var framework: Framework?

        @Flag(help: "Print the catalog as JSON.")
        var json = false

        func run() async throws {
            let catalog = try await CLIExit.guarding { try Catalog.builtIn() }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(catalog), as: UTF8.self))
                return
            }
            for control in catalog.controls {
                let mapping =
                    framework.map { $0.requirements(control) }
                    ?? [
                        "SOC 2 " + control.frameworks.soc2.joined(separator: ", "),
                        "ISO 27001 " + control.frameworks.iso27001.joined(separator: ", "),
                        "PCI DSS " + control.frameworks.pciDSS.joined(separator: ", "),
                        "NIST 800-53 " + control.frameworks.nist80053.joined(separator: ", "),
                    ]
                print("\(control.id)  \(control.title)  (manual ≈ \(control.manualMinutes) min)")
                print("     \(control.objective)")
                print("     \(mapping.joined(separator: framework == nil ? " · " : ", "))")
                for item in control.evidence {
                    print(
                        "     - \(item.id.padding(toLength: 5, withPad: " ", startingAt: 0)) \(item.file)  \(item.description)"
                    )
                }
            }
        }
    }
}
