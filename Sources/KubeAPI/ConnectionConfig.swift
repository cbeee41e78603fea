import Foundation

/// Everything needed to talk to one cluster as one identity, resolved from a kubeconfig context or
/// from the in-cluster service account.
public struct ConnectionConfig: Sendable {
    public var server: String
    public var contextName: String
    public var clusterName: String
    public var userName: String
    public var namespace: String?
    /// PEM bytes of the CA bundle to trust; nil means the system's trust store.
    public var certificateAuthorityPEM: Data?
    public var insecureSkipTLSVerify: Bool
    public var tlsServerName: String?
    public var credentials: Credentials

    public enum Credentials: Sendable {
        case none
        case token(String)
        /// A file holding the token, re-read on every request so rotated tokens are picked up.
        case tokenFile(String)
        case clientCertificate(certificatePEM: Data, keyPEM: Data)
        case exec(Kubeconfig.ExecConfig, baseDirectory: String)
    }

    public init(
        server: String,
        contextName: String = "",
        clusterName: String = "",
        userName: String = "",
        namespace: String? = nil,
        certificateAuthorityPEM: Data? = nil,
        insecureSkipTLSVerify: Bool = false,
        tlsServerName: String? = nil,
        credentials: Credentials = .none
    ) {
        self.server = server
        self.contextName = contextName
        self.clusterName = clusterName
        self.userName = userName
        self.namespace = namespace
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.tlsServerName = tlsServerName
        self.credentials = credentials
    }
}

extension ConnectionConfig {
    /// Resolves how to connect the way kubectl does: `--kubeconfig`, then `KUBECONFIG`, then `~/.kube/config`,
    /// then the in-cluster service account.
    public static func discover(
        kubeconfigPath: String?,
        context: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountDirectory: String = InClusterConfig.defaultDirectory
    ) throws -> ConnectionConfig {
        if let config = try Kubeconfig.load(explicitPath: kubeconfigPath, environment: environment) {
            return try config.connection(context: context)
        }
        if environment["KUBERNETES_SERVICE_HOST"] != nil {
            return try InClusterConfig.connection(environment: environment, directory: serviceAccountDirectory)
        }
        throw KubeAPIError.kubeconfigNotFound(
            paths: Kubeconfig.searchPaths(explicitPath: kubeconfigPath, environment: environment)
        )
    }
}

extension Kubeconfig {
    /// The connection for `context`, or for `current-context` when nil.
    public func connection(context requested: String?) throws -> ConnectionConfig {
        let available = Array(contexts.keys)
        guard let contextName = requested ?? currentContext, !contextName.isEmpty else {
            throw KubeAPIError.noCurrentContext(files: files, available: available)
        }
        guard let context = contexts[contextName] else {
            throw KubeAPIError.contextNotFound(context: contextName, available: available)
        }
        guard let cluster = clusters[context.cluster] else {
            throw KubeAPIError.clusterEntryMissing(context: contextName, cluster: context.cluster)
        }
        let user =
            try users[context.user]
            ?? {
                if context.user.isEmpty { return User(baseDirectory: cluster.baseDirectory) }
                throw KubeAPIError.userEntryMissing(context: contextName, user: context.user)
            }()
        if let proxy = cluster.proxyURL, !proxy.isEmpty {
            throw KubeAPIError.unsupportedSetting(
                field: "proxy-url",
                entry: "cluster \"\(context.cluster)\"",
                hint: "connect directly (e.g. from a bastion host or in-cluster as a CronJob), or remove proxy-url."
            )
        }
        return ConnectionConfig(
            server: cluster.server,
            contextName: contextName,
            clusterName: context.cluster,
            userName: context.user,
            namespace: context.namespace,
            certificateAuthorityPEM: try cluster.certificateAuthorityPEM(name: context.cluster),
            insecureSkipTLSVerify: cluster.insecureSkipTLSVerify,
            tlsServerName: cluster.tlsServerName,
            credentials: try user.credentials(name: context.user)
        )
    }
}

extension Kubeconfig.User {
    init(baseDirectory: String) {
        self.init(
            token: nil,
            tokenFile: nil,
            clientCertificate: nil,
            clientCertificateData: nil,
            clientKey: nil,
            clientKeyData: nil,
            exec: nil,
            baseDirectory: baseDirectory
        )
    }

    func credentials(name: String) throws -> ConnectionConfig.Credentials {
        let entry = "user \"\(name)\""
        let files = CredentialFiles(baseDirectory: baseDirectory, entry: entry)
        if let token, !token.isEmpty { return .token(token) }
        if let tokenFile, !tokenFile.isEmpty {
            let path = files.resolve(tokenFile)
            _ = try files.read(field: "tokenFile", path: tokenFile)  // fail early with a clear message
            return .tokenFile(path)
        }
        let cert = try files.material(field: "client-certificate", path: clientCertificate, data: clientCertificateData)
        let key = try files.material(field: "client-key", path: clientKey, data: clientKeyData)
        switch (cert, key) {
        case (let cert?, let key?): return .clientCertificate(certificatePEM: cert, keyPEM: key)
        case (.some, nil), (nil, .some):
            throw KubeAPIError.invalidCredentialData(
                field: "client-certificate/client-key",
                entry: entry,
                reason: "only one of the pair is set"
            )
        case (nil, nil): break
        }
        if let exec { return .exec(exec, baseDirectory: baseDirectory) }
        if let authProvider {
            throw KubeAPIError.unsupportedSetting(
                field: "auth-provider \(authProvider)",
                entry: entry,
                hint: "auth-provider plugins were removed from kubectl; switch to an exec credential plugin "
                    + "(e.g. gke-gcloud-auth-plugin, kubelogin)."
            )
        }
        if hasBasicAuth {
            throw KubeAPIError.unsupportedSetting(
                field: "username/password",
                entry: entry,
                hint: "basic authentication was removed from Kubernetes; use a token or client certificate."
            )
        }
        return .none
    }
}

extension Kubeconfig.Cluster {
    func certificateAuthorityPEM(name: String) throws -> Data? {
        try CredentialFiles(baseDirectory: baseDirectory, entry: "cluster \"\(name)\"")
            .material(field: "certificate-authority", path: certificateAuthority, data: certificateAuthorityData)
    }
}
