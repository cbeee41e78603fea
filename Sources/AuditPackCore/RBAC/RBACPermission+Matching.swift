import Foundation

extension RBACPermission {
    /// One way a permission is granted: some verbs on a group's resource (or subresource). `clusterScoped`
    /// resources are never granted by a RoleBinding (it grants only namespaced resources in its namespace).
    struct Access {
        var verbs: [String]
        var groups: [String]
        var resources: [String]
        var subresource: String? = nil
        var clusterScoped = false
    }

    static let writes = ["create", "update", "patch"]
    static let reads = ["get", "list", "watch"]

    /// The accesses that grant the permission (any one suffices), except `clusterAdmin` and `approveCSRs`,
    /// which need a rule, or two accesses, of their own.
    var accesses: [Access] {
        switch self {
        case .clusterAdmin, .approveCSRs, .wildcardCore:
            return []
        case .escalate:
            return [
                Access(verbs: ["escalate", "bind"], groups: ["rbac.authorization.k8s.io"], resources: ["roles"]),
                // bind on clusterroles is checked in the RoleBinding's namespace: it works through a RoleBinding.
                Access(verbs: ["bind"], groups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"]),
                Access(
                    verbs: ["escalate"],
                    groups: ["rbac.authorization.k8s.io"],
                    resources: ["clusterroles"],
                    clusterScoped: true
                ),
            ]
        case .impersonate:
            return [
                Access(verbs: ["impersonate"], groups: [""], resources: ["serviceaccounts"]),
                Access(verbs: ["impersonate"], groups: [""], resources: ["users", "groups"], clusterScoped: true),
                Access(
                    verbs: ["impersonate"],
                    groups: ["authentication.k8s.io"],
                    resources: ["uids", "userextras"],
                    clusterScoped: true
                ),
            ]
        case .createTokens:
            return [Access(verbs: ["create"], groups: [""], resources: ["serviceaccounts"], subresource: "token")]
        case .proxyNodes:
            // The kubelet authorizes GET (websocket exec) and POST alike by nodes/proxy.
            return [
                Access(
                    verbs: ["get", "create", "update", "patch"],
                    groups: [""],
                    resources: ["nodes"],
                    subresource: "proxy",
                    clusterScoped: true
                )
            ]
        case .writeWebhooks:
            return [
                Access(
                    verbs: Self.writes,
                    groups: ["admissionregistration.k8s.io"],
                    resources: ["validatingwebhookconfigurations", "mutatingwebhookconfigurations"],
                    clusterScoped: true
                )
            ]
        case .readSecrets:
            return [Access(verbs: Self.reads, groups: [""], resources: ["secrets"])]
        case .execIntoPods:
            return [
                Access(verbs: ["create"], groups: [""], resources: ["pods"], subresource: "exec"),
                Access(verbs: ["create"], groups: [""], resources: ["pods"], subresource: "attach"),
                Access(
                    verbs: ["update", "patch"],
                    groups: [""],
                    resources: ["pods"],
                    subresource: "ephemeralcontainers"
                ),
            ]
        case .createWorkloads:
            return [
                Access(verbs: Self.writes, groups: [""], resources: ["pods", "replicationcontrollers"]),
                Access(
                    verbs: Self.writes,
                    groups: ["apps", "extensions"],
                    resources: ["deployments", "daemonsets", "statefulsets", "replicasets"]
                ),
                Access(verbs: Self.writes, groups: ["batch"], resources: ["jobs", "cronjobs"]),
            ]
        }
    }

    /// How `rules` grant this permission: nil when they do not, `.named` when only rules limited to
    /// `resourceNames` do, `.all` otherwise. `namespaced` is a grant through a RoleBinding.
    func grant(by rules: [RBACPolicyRule], namespaced: Bool) -> RBACReach? {
        var found: RBACReach?
        func note(_ rule: RBACPolicyRule) {
            found = rule.isNamed ? (found ?? .named) : .all
        }
        switch self {
        case .clusterAdmin:
            for rule in rules where rule.allowsEverything { note(rule) }
        case .wildcardCore:
            for rule in rules
            where (rule.verbs ?? []).contains("*") && !(rule.resources ?? []).isEmpty
                && ((rule.apiGroups ?? []).contains("") || (rule.apiGroups ?? []).contains("*"))
            {
                note(rule)
            }
        case .approveCSRs:
            // Both the approval subresource and a signer's approve verb (certificates.k8s.io, cluster-scoped).
            guard !namespaced else { return nil }
            let group = "certificates.k8s.io"
            let approval = rules.filter {
                $0.allows(
                    ["update", "patch"],
                    group: group,
                    resource: "certificatesigningrequests",
                    subresource: "approval"
                )
            }
            let signers = rules.filter { $0.allows(["approve"], group: group, resource: "signers") }
            guard !approval.isEmpty, !signers.isEmpty else { return nil }
            return (approval + signers).allSatisfy(\.isNamed) ? .named : .all
        default:
            for access in accesses where !(namespaced && access.clusterScoped) {
                for rule in rules {
                    for group in access.groups {
                        for resource in access.resources
                        where rule.allows(
                            access.verbs,
                            group: group,
                            resource: resource,
                            subresource: access.subresource
                        ) {
                            note(rule)
                        }
                    }
                }
            }
        }
        return found
    }
}

/// How far a permission goes within its scope: every object, or only named ones (`resourceNames`).
public enum RBACReach: String, Sendable, Codable {
    case all
    case named
}
