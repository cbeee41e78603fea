import AuditPackCore
import Foundation

/// Problems linking packages.
public enum ChainError: Error, CustomStringConvertible, Equatable {
    case previousNotIntact(path: String, problems: [String])

    public var description: String {
        switch self {
        case .previousNotIntact(let path, let problems):
            return "--previous \(path) does not verify (\(problems.prefix(3).joined(separator: "; "))). "
                + "Chain to the last intact package instead."
        }
    }
}
