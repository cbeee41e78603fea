import Foundation

/// The one place that decides, by subject, who is a system component (skipped by C03 and dropped from C03e)
/// and how the severity ladder sees everyone else. Built from the C03 thresholds, so the collector (C03e, C03f)
/// and the evaluator agree.
///
/// Never by the binding's name: anyone who can write RBAC can name a binding `system:…`. The anonymous and
/// broad groups are never system, though they carry the `system:` prefix: binding them grants everyone.
public struct RBACSubjectPolicy: Sendable, Equatable {
    /// Users and groups Kubernetes and kubeadm use for their own components (`system:`, `kubeadm:`).
    public var systemPrefixes: [String]
    /// Groups that mean "every identity": `system:authenticated`, `system:serviceaccounts` (and `…:<ns>`).
    public var broadGroups: [String]
    /// Names that mean "anyone, unauthenticated": `system:anonymous`, `system:unauthenticated`.
    public var anonymousNames: [String]
    /// Namespaces whose ServiceAccounts are control-plane components.
    public var systemServiceAccountNamespaces: [String]

    public init(
        systemPrefixes: [String],
        broadGroups: [String],
        anonymousNames: [String],
        systemServiceAccountNamespaces: [String]
    ) {
        self.systemPrefixes = systemPrefixes
        self.broadGroups = broadGroups
        self.anonymousNames = anonymousNames
        self.systemServiceAccountNamespaces = systemServiceAccountNamespaces
    }

    /// From the C03 thresholds: the catalog's (collection), or as a policy file overrides them (evaluation).
    public init(_ thresholds: some ThresholdReading) {
        self.init(
            systemPrefixes: thresholds.names(.c03SystemSubjectPrefixes),
            broadGroups: thresholds.names(.c03BroadGroups),
            anonymousNames: thresholds.names(.c03AnonymousSubjects),
            systemServiceAccountNamespaces: thresholds.names(.c03SystemServiceAccountNamespaces)
        )
    }

    /// The subject as a binding grants it: a ServiceAccount without a namespace takes the RoleBinding's.
    public func subject(kind: String?, name: String?, namespace: String?, bindingNamespace: String?) -> RBACSubject {
        let kind = kind ?? ""
        return RBACSubject(
            kind: kind,
            name: name ?? "",
            namespace: kind == "ServiceAccount" ? (namespace ?? bindingNamespace) : nil
        )
    }

    /// Who the subject is, for C03 and C03e alike.
    public func classify(_ subject: RBACSubject) -> RBACSubject.Who {
        let name = subject.name
        if anonymousNames.contains(name) { return .anonymous }
        if broadGroups.contains(where: { name == $0 || name.hasPrefix($0 + ":") }) { return .everyone }
        switch subject.kind {
        case "ServiceAccount":
            return systemServiceAccountNamespaces.contains(subject.namespace ?? "") ? .system : .workload
        case "User" where name.hasPrefix("system:serviceaccount:"):
            // The username a ServiceAccount token authenticates as: system:serviceaccount:<ns>:<name>.
            let namespace = name.dropFirst("system:serviceaccount:".count).split(separator: ":").first.map(String.init)
            return systemServiceAccountNamespaces.contains(namespace ?? "") ? .system : .workload
        default:
            return systemPrefixes.contains { name.hasPrefix($0) } ? .system : .human
        }
    }

    public func isSystem(_ subject: RBACSubject) -> Bool { classify(subject) == .system }
}
