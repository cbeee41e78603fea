import AuditPackCore
import Foundation

extension HTMLReport {
    /// Rows shown per permission; the rest are in the evidence file.
    static let permissionRowLimit = 200

    /// "Effective permissions": per permission that matters, who holds it, where, and through which bindings
    /// and roles (C03f). Empty when the report was made without the evidence.
    static func permissionsSection(_ report: AuditReport) -> String {
        guard let view = report.permissions else { return "" }
        let file = report.evidenceFiles["C03f"] ?? "C03f-effective-permissions.json"
        var html =
            "<h2>Effective permissions</h2>\n<p>What non-system subjects can actually do, following their "
            + "RoleBindings and ClusterRoleBindings to the roles as served (source: \(e(view.source)), "
            + "<code>\(e(file))</code>).</p>\n"
        if view.counts.isEmpty { html += "<p>No non-system subject holds a permission that matters.</p>\n" }
        for permission in RBACPermission.allCases {
            guard let rows = view.rows[permission], !rows.isEmpty else { continue }
            let count = view.counts[permission] ?? rows.count
            html +=
                "<h3>Who \(e(permission.summary)) <code>\(e(permission.rule))</code> (\(count))</h3>\n"
                + "<table><thead><tr><th>Subject</th><th>Who</th><th>Scope</th><th>Granted by</th></tr></thead><tbody>\n"
            for row in rows.prefix(permissionRowLimit) {
                let entry = row.entry
                let scope = entry.namespace.map { "namespace \($0)" } ?? "cluster-wide"
                let named = entry.reach == .named ? " (named objects only)" : ""
                let grants = entry.grantedBy.map { "\(e($0.binding)) → \(e($0.role))" }.joined(separator: "<br>")
                html +=
                    "<tr><td>\(e(row.subject.description))</td><td>\(e(row.who.rawValue))</td>"
                    + "<td>\(e(scope + named))</td><td>\(grants)</td></tr>\n"
            }
            if count > permissionRowLimit {
                html +=
                    "<tr><td colspan=\"4\">… and \(count - permissionRowLimit) more in <code>\(e(file))</code></td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        if !view.unresolved.isEmpty {
            html +=
                "<h3>Bindings to missing roles (\(view.unresolvedCount), they grant nothing)</h3>\n"
                + "<table><thead><tr><th>Binding</th><th>Role</th><th>Subjects</th></tr></thead><tbody>\n"
            for binding in view.unresolved.prefix(permissionRowLimit) {
                let subjects = binding.subjects.map { e($0.description) }.joined(separator: "<br>")
                html += "<tr><td>\(e(binding.binding))</td><td>\(e(binding.role))</td><td>\(subjects)</td></tr>\n"
            }
            html += "</tbody></table>\n"
        }
        return html
    }
}
