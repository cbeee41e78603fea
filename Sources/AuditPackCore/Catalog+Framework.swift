import Foundation

/// A framework a report can be grouped by (SOC 2, ISO 27001, PCI DSS, NIST SP 800-53), as the catalog
/// declares it under `frameworks:`; each control maps to its requirements under the framework's `id`.
public struct Framework: Sendable, Codable, Equatable, Hashable {
    /// The key of the framework in each control's `frameworks:` mapping (`pci_dss`).
    public var id: String
    /// How people name it on the command line and in reports (`pci-dss`).
    public var name: String
    public var title: String

    public init(id: String, name: String, title: String) {
        self.id = id
        self.name = name
        self.title = title
    }

    /// NIST SP 800-53 Rev. 5: its ids are checked at load, and the OSCAL export can name its controls.
    public static let nist80053ID = "nist_800_53"

    public var isNIST80053: Bool { id == Self.nist80053ID }

    /// The requirements `control` maps to in this framework.
    public func requirements(_ control: Catalog.Control) -> [String] {
        control.frameworks[id] ?? []
    }
}

extension Catalog {
    /// The framework named `name` (as on the command line, or its catalog id).
    public func framework(named name: String) throws -> Framework {
        guard let framework = frameworks.first(where: { $0.name == name || $0.id == name }) else {
            throw CatalogError.unknownFramework(name, known: frameworks.map(\.name))
        }
        return framework
    }

    /// Frameworks are declared once; every control maps only to declared frameworks, and to every one.
    func validateFrameworks(file: String) throws {
        var ids = Set<String>()
        var names = Set<String>()
        for framework in frameworks {
            guard ids.insert(framework.id).inserted, names.insert(framework.name).inserted else {
                throw CatalogError.invalid(
                    file: file,
                    reason: "framework \(framework.id) (\(framework.name)) repeats an id or name"
                )
            }
        }
        for control in controls {
            for key in control.frameworks.keys.sorted() where !ids.contains(key) {
                throw CatalogError.invalid(
                    file: file,
                    reason: "control \(control.id) maps to framework \(key), which frameworks: does not declare "
                        + "(declared: \(ids.sorted().joined(separator: ", ")))"
                )
            }
            for framework in frameworks where (control.frameworks[framework.id] ?? []).isEmpty {
                throw CatalogError.invalid(
                    file: file,
                    reason: "control \(control.id) maps to no \(framework.id) requirement; add one under frameworks"
                )
            }
            for nist in control.frameworks[Framework.nist80053ID] ?? [] where !Self.isNIST80053ID(nist) {
                throw CatalogError.invalid(
                    file: file,
                    reason: "control \(control.id) maps to \"\(nist)\", which is not a NIST SP 800-53 id "
                        + "(write it as the publication does: SC-7 or SC-7(5))"
                )
            }
        }
    }
}
