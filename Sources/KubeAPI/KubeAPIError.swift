import Foundation

/// Everything that can go wrong while reaching a Kubernetes API server.
///
/// Each description names what failed (file, context, user entry, resource, server) and how to fix it.
public enum KubeAPIError: Error, Sendable, Equatable {
    case kubeconfigNotFound(paths: [String])
    case kubeconfigInvalid(file: String, reason: String)
    case contextNotFound(context: String, available: [String])
    case noCurrentContext(files: [String], available: [String])
    case clusterEntryMissing(context: String, cluster: String)
    case userEntryMissing(context: String, user: String)
    case unsupportedSetting(field: String, entry: String, hint: String)
    case credentialFileUnreadable(field: String, path: String, reason: String)
    case invalidCredentialData(field: String, entry: String, reason: String)
    case execPluginFailed(command: String, user: String, reason: String)
    case inClusterUnavailable(reason: String)
    case unauthorized(user: String, server: String, message: String)
    case forbidden(message: String, verb: String, resource: String, group: String)
    case notFound(path: String, message: String)
    case unreachable(server: String, reason: String)
    case tls(TLSProblem, server: String, detail: String)
    case server(status: Int, path: String, message: String)
    case timedOut(path: String, seconds: Double)
    /// No byte arrived for `seconds` while a response was awaited or read.
    case stalled(path: String, seconds: Double)
    /// One response was larger than the client accepts.
    case responseTooLarge(path: String, limitBytes: Int)
    /// Even a page of `pageSize` items of `resource` was larger than the client accepts.
    case pageTooLarge(resource: String, path: String, pageSize: Int, limitBytes: Int)
    /// A LIST that would not end (repeated continue token, too many pages or bytes).
    case endlessList(resource: String, path: String, reason: String)
    /// A LIST that had to start over too often.
    case listRestartsExhausted(resource: String, path: String, restarts: Int, cause: String)
    case invalidResponse(path: String, reason: String)
    case writeVerbRefused(method: String, path: String)
}

extension KubeAPIError: CustomStringConvertible, LocalizedError {
    public var errorDescription: String? { description }

    public var description: String {
        switch self {
        case .kubeconfigNotFound(let paths):
            return "No kubeconfig found (looked at \(paths.joined(separator: ", "))). "
                + "Pass --kubeconfig FILE, set KUBECONFIG, or run inside a pod with a service account."
        case .kubeconfigInvalid(let file, let reason):
            return "kubeconfig \(file) is not valid: \(reason). Fix the file or point --kubeconfig at another one."
        case .contextNotFound(let context, let available):
            return "Context \"\(context)\" is not in the kubeconfig (available: \(Self.list(available))). "
                + "Pick one with --context."
        case .noCurrentContext(let files, let available):
            return "No current-context is set in \(files.joined(separator: ", ")) (available contexts: "
                + "\(Self.list(available))). Pass --context NAME or run `kubectl config use-context NAME`."
        case .clusterEntryMissing(let context, let cluster):
            return "Context \"\(context)\" names cluster \"\(cluster)\", which no kubeconfig file defines. "
                + "Add the cluster entry or fix the context."
        case .userEntryMissing(let context, let user):
            return "Context \"\(context)\" names user \"\(user)\", which no kubeconfig file defines. "
                + "Add the user entry or fix the context."
        case .unsupportedSetting(let field, let entry, let hint):
            return "\(entry) sets \(field), which AuditPack does not support: \(hint)"
        case .credentialFileUnreadable(let field, let path, let reason):
            return "Cannot read \(field) file \(path): \(reason). Check the path (relative paths are resolved "
                + "against the kubeconfig's folder) and its permissions."
        case .invalidCredentialData(let field, let entry, let reason):
            return "\(field) of \(entry) is not usable: \(reason). Re-export the credentials for this user."
        case .execPluginFailed(let command, let user, let reason):
            return "The credential plugin \"\(command)\" of user \"\(user)\" failed: \(reason). "
                + "Run it by hand to see why (it may need a login, or be missing from PATH)."
        case .inClusterUnavailable(let reason):
            return "In-cluster configuration is unavailable: \(reason). Outside a pod, pass --kubeconfig FILE."
        case .unauthorized(let user, let server, let message):
            return "\(server) rejected the credentials of user entry \"\(user)\" (401 \(message)). "
                + "Refresh them (log in again, renew the token or certificate)."
        case .forbidden(let message, let verb, let resource, let group):
            let qualified = group.isEmpty ? resource : "\(resource).\(group)"
            return "Forbidden: \(message). Grant the identity \"\(verb)\" on \(qualified) (read-only), "
                + "e.g. with the ClusterRole in the README."
        case .notFound(let path, let message):
            return "\(path) was not found (\(message)). The resource type may not be installed in this cluster."
        case .unreachable(let server, let reason):
            return "Cannot reach the API server \(server): \(reason). Check the server URL in the kubeconfig, "
                + "the network (VPN, proxy) and that the cluster is running."
        case .tls(let problem, let server, let detail):
            return "TLS connection to \(server) failed: \(problem.rawValue) (\(detail)). "
                + Self.tlsFix(problem)
        case .server(let status, let path, let message):
            return "The API server answered \(status) for \(path): \(message). Retry later; if it persists, "
                + "check the API server's health."
        case .timedOut(let path, let seconds):
            return "No complete answer for \(path) within \(Self.seconds(seconds)) s (--timeout bounds each request "
                + "end to end: connecting, the response headers and the whole body). Raise --timeout or check the "
                + "API server's load and the network in between."
        case .stalled(let path, let seconds):
            return "The API server sent nothing for \(Self.seconds(seconds)) s while answering \(path) (idle read "
                + "timeout). Check the network and any proxy or load balancer in front of the API server; a lower "
                + "--timeout also lowers this limit."
        case .responseTooLarge(let path, let limitBytes):
            return "The answer for \(path) is larger than the \(Self.megabytes(limitBytes)) AuditPack accepts for "
                + "one response. Check what the server returns there (kubectl get --raw \(path) | wc -c)."
        case .pageTooLarge(let resource, let path, let pageSize, let limitBytes):
            return "Even a page of \(pageSize) \(resource) (\(path)) is larger than the \(Self.megabytes(limitBytes)) "
                + "AuditPack accepts for one response, so the list cannot be read. Find the oversized objects "
                + "(kubectl get \(resource) -A --chunk-size=1 -o name) and shrink or remove them."
        case .endlessList(let resource, let path, let reason):
            return "The list of \(resource) (\(path)) does not end: \(reason). AuditPack stopped reading it so "
                + "it cannot run forever or fill the disk. Check the API server (or a proxy in front of it) for a "
                + "paging bug; `kubectl get \(resource) -A --chunk-size=0` lists without paging."
        case .listRestartsExhausted(let resource, let path, let restarts, let cause):
            return "Gave up listing \(resource) (\(path)) after \(restarts) restarts: \(cause). The objects change "
                + "faster than they can be read, or the API server is overloaded; run the collection again later."
        case .invalidResponse(let path, let reason):
            return "The answer for \(path) is not a valid Kubernetes response: \(reason). Is the server URL a "
                + "Kubernetes API server?"
        case .writeVerbRefused(let method, let path):
            return "Refused to send \(method) \(path): AuditPack only reads from clusters."
        }
    }

    /// "1", "2.5": whole seconds without a fraction.
    static func seconds(_ value: Double) -> String {
        value.rounded() == value ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    private static func list(_ names: [String]) -> String {
        names.isEmpty ? "none" : names.sorted().joined(separator: ", ")
    }

    private static func tlsFix(_ problem: TLSProblem) -> String {
        switch problem {
        case .unknownAuthority:
            return "Set certificate-authority(-data) of the cluster entry to the cluster's CA."
        case .hostnameMismatch:
            return "Use the host name the certificate was issued for, or set tls-server-name in the cluster entry."
        case .expired:
            return "Renew the API server's serving certificate, or check this machine's clock."
        case .clientCertificateRequired:
            return "Configure client-certificate and client-key (or a token) for the user entry."
        case .other:
            return "Check the cluster's certificate-authority and the server URL."
        }
    }
}
