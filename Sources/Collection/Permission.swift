import AuditPackCore
import Foundation

/// One permission asked about: verb on group/resource(/subresource), in one namespace or all.
struct Permission: Hashable, Sendable, CustomStringConvertible {
    var verb: String
    var group: String
    var resource: String
    var namespace: String?

    /// `list secrets`, `get pods/log`, `list networkpolicies.networking.k8s.io in namespace kube-system`.
    var description: String {
        let qualified = APIRead(verbs: [verb], group: group, resource: resource).qualifiedResource
        return "\(verb) \(qualified)" + (namespace.map { " in namespace \($0)" } ?? "")
    }
}
