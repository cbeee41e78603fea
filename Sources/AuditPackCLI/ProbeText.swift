import Collection

/// What `auditpack probe` prints.
enum ProbeText {
    static func render(_ report: ProbeReport) -> String {
        """
        Server      \(report.server) (Kubernetes \(report.version.gitVersion), context \(report.context))
        Identity    \(report.identity.username) (groups: \(report.identity.groups.joined(separator: ", ")))
        API groups  \(report.apiGroups)
        Namespaces  \(report.namespaces.count) in \(report.namespacesSummary.pages) page(s), \
        \(report.namespacesSummary.milliseconds) ms: \(report.namespaces.joined(separator: ", "))
        Written     \(report.namespacesFile.path)
        """
    }
}
