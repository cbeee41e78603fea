import Foundation

/// The permissions that matter: the ones rbac-police, KubiScan, krane and Kubescape's `rule-can-*` controls
/// single out, each one C03 rule. Which rules grant one is `RBACPermission+Matching.swift`.
public enum RBACPermission: String, Sendable, Codable, CaseIterable, Comparable {
    /// `*` verbs on `*` resources of `*` groups: cluster-admin (or namespace admin through a RoleBinding).
    case clusterAdmin = "cluster-admin"
    /// `escalate` or `bind` on roles or clusterroles: grant oneself anything.
    case escalate
    /// `impersonate` users, groups, service accounts or uids: act as someone else.
    case impersonate
    /// Approve certificate signing requests (approval subresource and a signer's `approve`): mint client certificates.
    case approveCSRs = "approve-csrs"
    /// `create` on `serviceaccounts/token`: mint tokens of any service account in reach.
    case createTokens = "create-tokens"
    /// `nodes/proxy`: the kubelet API, which runs commands in any pod on the node.
    case proxyNodes = "proxy-nodes"
    /// Write validating or mutating webhook configurations: see or change every object admitted.
    case writeWebhooks = "write-webhooks"
    /// `get`, `list` or `watch` Secrets (`list`/`watch` return every value).
    case readSecrets = "read-secrets"
    /// `pods/exec`, `pods/attach` (`create`, as rbac-police, Kubescape and Trivy judge it), `pods/ephemeralcontainers` writes.
    case execIntoPods = "exec-into-pods"
    /// Create or change pods or pod controllers: run anything with any Secret and service account in reach.
    case createWorkloads = "create-workloads"
    /// `*` verbs on core (`""` group) resources.
    case wildcardCore = "wildcard-verbs-core"

    /// The C03 rule id that reports it.
    public var rule: String {
        switch self {
        case .clusterAdmin: return "C03.cluster-admin-binding"
        case .wildcardCore: return "C03.wildcard-verbs-core"
        default: return "C03.can-\(rawValue)"
        }
    }

    /// What the subject can do, as a sentence fragment: "can read Secrets".
    public var summary: String {
        switch self {
        case .clusterAdmin: return "holds cluster-admin (every verb on every resource)"
        case .escalate: return "can escalate or bind roles (grant itself any permission)"
        case .impersonate: return "can impersonate other identities"
        case .approveCSRs: return "can approve certificate signing requests"
        case .createTokens: return "can create service account tokens"
        case .proxyNodes: return "can reach the kubelet API through nodes/proxy"
        case .writeWebhooks: return "can write admission webhook configurations"
        case .readSecrets: return "can read Secrets"
        case .execIntoPods: return "can exec or attach into pods"
        case .createWorkloads: return "can create or change workloads (pods and pod controllers)"
        case .wildcardCore: return "has every verb on core resources"
        }
    }

    /// Report order: the most powerful first.
    public static func < (lhs: RBACPermission, rhs: RBACPermission) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
