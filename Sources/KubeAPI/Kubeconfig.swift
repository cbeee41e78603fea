import Foundation

/// A kubeconfig file as kubectl reads it (`apiVersion: v1, kind: Config`).
///
/// Only the fields AuditPack uses are modelled; everything else is ignored, as kubectl ignores unknown fields.
public struct Kubeconfig: Sendable, Equatable {
    public var clusters: [String: Cluster] = [:]
    public var users: [String: User] = [:]
    public var contexts: [String: Context] = [:]
    public var currentContext: String?
    /// Files this configuration was read from, in precedence order.
    public var files: [String] = []

    public init() {}

    public struct Cluster: Sendable, Equatable {
        public var server: String
        public var certificateAuthority: String?
        public var certificateAuthorityData: String?
        public var insecureSkipTLSVerify = false
        public var tlsServerName: String?
        public var proxyURL: String?
        /// The folder of the file that defined this entry; relative paths resolve against it.
        public var baseDirectory: String
    }

    public struct User: Sendable, Equatable {
        public var token: String?
        public var tokenFile: String?
        public var clientCertificate: String?
        public var clientCertificateData: String?
        public var clientKey: String?
        public var clientKeyData: String?
        public var exec: ExecConfig?
        public var hasBasicAuth = false
        public var authProvider: String?
        public var baseDirectory: String
    }

    public struct ExecConfig: Sendable, Equatable {
        public var apiVersion: String
        public var command: String
        public var args: [String]
        public var env: [(name: String, value: String)]
        public var provideClusterInfo: Bool
        public var installHint: String?

        public init(
            apiVersion: String,
            command: String,
            args: [String] = [],
            env: [(name: String, value: String)] = [],
            provideClusterInfo: Bool = false,
            installHint: String? = nil
        ) {
            self.apiVersion = apiVersion
            self.command = command
            self.args = args
            self.env = env
            self.provideClusterInfo = provideClusterInfo
            self.installHint = installHint
        }

        public static func == (lhs: ExecConfig, rhs: ExecConfig) -> Bool {
            lhs.apiVersion == rhs.apiVersion && lhs.command == rhs.command && lhs.args == rhs.args
                && lhs.env.map(\.name) == rhs.env.map(\.name) && lhs.env.map(\.value) == rhs.env.map(\.value)
                && lhs.provideClusterInfo == rhs.provideClusterInfo && lhs.installHint == rhs.installHint
        }
    }

    public struct Context: Sendable, Equatable {
        public var cluster: String
        public var user: String
        public var namespace: String?
    }
}

extension Kubeconfig {
    /// Merges `other` under `self` with kubectl's rules: the first file to define a name wins, and the
    /// first file to set `current-context` wins.
    public func merging(_ other: Kubeconfig) -> Kubeconfig {
        var merged = self
        merged.clusters.merge(other.clusters) { first, _ in first }
        merged.users.merge(other.users) { first, _ in first }
        merged.contexts.merge(other.contexts) { first, _ in first }
        if merged.currentContext == nil || merged.currentContext == "" {
            merged.currentContext = other.currentContext
        }
        merged.files += other.files
        return merged
    }
}
