import Foundation

/// Problems with what `rbac` and `preflight` were asked for.
public enum AccessError: Error, CustomStringConvertible, Equatable {
    case unknownControls([String], known: [String])
    case invalidNamespace(String)

    public var description: String {
        switch self {
        case .unknownControls(let ids, let known):
            return "Unknown control id(s) \(ids.joined(separator: ", ")). Pass --controls with ids from: "
                + "\(known.joined(separator: ", "))."
        case .invalidNamespace(let name):
            return "Namespace \"\(name)\" is not a valid Kubernetes name (lower-case letters, digits and '-', "
                + "at most 63, starting and ending with a letter or digit). Pass another --namespace."
        }
    }
}
