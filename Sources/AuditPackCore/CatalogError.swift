import Foundation

/// Problems with a catalog file.
public enum CatalogError: Error, CustomStringConvertible, Equatable {
    case missingResource
    case invalid(file: String, reason: String)
    case unknownFramework(String, known: [String])

    public var description: String {
        switch self {
        case .missingResource:
            return "The built-in control catalog is missing from the AuditPack bundle; reinstall AuditPack."
        case .invalid(let file, let reason):
            return "Control catalog \(file) is invalid: \(reason). Fix the file."
        case .unknownFramework(let name, let known):
            return "Unknown framework \(name); use one of \(known.joined(separator: ", "))."
        }
    }
}
