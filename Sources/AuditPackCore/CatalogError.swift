import Foundation
import Yams

/// Problems with a catalog file.
public enum CatalogError: Error, CustomStringConvertible, Equatable {
    case missingResource
    case invalid(file: String, reason: String)

    public var description: String {
        switch self {
        case .missingResource:
            return "The built-in control catalog is missing from the AuditPack bundle; reinstall AuditPack."
        case .invalid(let file, let reason):
            return "Control catalog \(file) is invalid: \(reason). Fix the file."
        }
    }
}
