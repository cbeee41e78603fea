import AuditPackCore
import Foundation

/// Problems that stop a collection before any evidence exists.
public enum CollectionError: Error, CustomStringConvertible {
    case unknownControls([String], known: [String])
    case noControls(known: [String])

    public var description: String {
        switch self {
        case .unknownControls(let ids, let known):
            return "Unknown control id(s) \(ids.joined(separator: ", ")). Known: \(known.joined(separator: ", "))."
        case .noControls(let known):
            return "No control selected. Name at least one of \(known.joined(separator: ", ")), or omit --controls."
        }
    }
}
