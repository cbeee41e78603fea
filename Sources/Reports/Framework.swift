import AuditPackCore

/// Frameworks a report can be grouped by (and that the OSCAL export can name as its controls).
public enum Framework: String, Sendable, CaseIterable, Codable {
    case soc2
    case iso27001
    case pciDSS = "pci-dss"
    case nist80053 = "nist-800-53"

    public var title: String {
        switch self {
        case .soc2: return "SOC 2 (2017 TSC)"
        case .iso27001: return "ISO/IEC 27001:2022 Annex A"
        case .pciDSS: return "PCI DSS v4.0"
        case .nist80053: return "NIST SP 800-53 Rev. 5"
        }
    }

    public func requirements(_ control: Catalog.Control) -> [String] {
        switch self {
        case .soc2: return control.frameworks.soc2
        case .iso27001: return control.frameworks.iso27001
        case .pciDSS: return control.frameworks.pciDSS
        case .nist80053: return control.frameworks.nist80053
        }
    }
}
