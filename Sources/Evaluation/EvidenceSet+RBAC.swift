import AuditPackCore
import Foundation

extension EvidenceSet {
    /// The ClusterRoles (C03c) and Roles (C03d) of the evidence, indexed and aggregated as served: what C03's
    /// evaluator and the report's effective-permissions view resolve bindings against.
    public func rbacRoleIndex() -> RBACRoleIndex {
        var roles = RBACRoleIndex()
        forEachItem("C03c", as: RBACRole.self) { roles.addClusterRole($0) }
        forEachItem("C03d", as: RBACRole.self) { roles.addRole($0) }
        roles.resolve()
        return roles
    }
}
