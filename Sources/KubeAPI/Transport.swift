import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOSSL

/// Owns the HTTP clients and the credentials of one connection. Exec plugins that hand out client
/// certificates get a client built for the current certificate.
actor Transport {
    let config: ConnectionConfig
    /// The exec credential plugin of this connection, if it uses one.
    let plugin: ExecCredentialPlugin?
    /// URL prefix requests go to (the tls-server-name replaces the host when set).
    let baseURL: String
    private let options: KubeClientOptions
    private var clients: [Data: HTTPClient] = [:]
    private(set) var shutDown = false

    init(config: ConnectionConfig, options: KubeClientOptions, logger: Logger) throws {
        self.config = config
        self.options = options
        guard let url = URL(string: config.server), let scheme = url.scheme, let host = url.host,
            ["https", "http"].contains(scheme)
        else {
            throw KubeAPIError.kubeconfigInvalid(
                file: "context \"\(config.contextName)\"",
                reason: "server \"\(config.server)\" is not an http(s) URL"
            )
        }
        var base = config.server.hasSuffix("/") ? String(config.server.dropLast()) : config.server
        if let serverName = config.tlsServerName, !serverName.isEmpty, scheme == "https" {
            let port = url.port.map { ":\($0)" } ?? ""
            base = "https://\(serverName)\(port)\(url.path == "/" ? "" : url.path)"
            _ = host
        }
        self.baseURL = base
        if case .exec(let exec, let directory) = config.credentials {
            plugin = ExecCredentialPlugin(
                config: exec,
                baseDirectory: directory,
                userName: config.userName,
                cluster: (config.server, config.certificateAuthorityPEM, config.insecureSkipTLSVerify),
                timeout: options.execPluginTimeout
            )
        } else {
            plugin = nil
        }
        if config.insecureSkipTLSVerify {
            logger.warning(
                "TLS verification is off for cluster \"\(config.clusterName)\" (insecure-skip-tls-verify in the kubeconfig): the server's identity is not checked."
            )
        }
    }

    /// What one request is sent with: the HTTP client, the Authorization header value, and the exec plugin's
    /// credential they came from (to forget exactly that one after a 401).
    struct Session {
        var client: HTTPClient
        var authorization: String?
        var credential: ExecCredentialPlugin.Credential?
    }

    /// The HTTP client and credentials for the next request.
    func session() async throws -> Session {
        switch config.credentials {
        case .exec:
            guard let plugin else { return Session(client: try client(certificate: nil)) }
            let credential = try await plugin.credential()
            let pair = credential.clientCertificatePEM.flatMap { cert in credential.clientKeyPEM.map { (cert, $0) } }
            return Session(
                client: try client(certificate: pair),
                authorization: credential.token.map { "Bearer \($0)" },
                credential: credential
            )
        default:
            let (client, authorization) = try staticSession()
            return Session(client: client, authorization: authorization)
        }
    }

    private func staticSession() throws -> (HTTPClient, String?) {
        switch config.credentials {
        case .none, .exec:
            return (try client(certificate: nil), nil)
        case .token(let token):
            return (try client(certificate: nil), "Bearer \(token)")
        case .tokenFile(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw KubeAPIError.credentialFileUnreadable(field: "token file", path: path, reason: "cannot be read")
            }
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return (try client(certificate: nil), "Bearer \(token)")
        case .clientCertificate(let cert, let key):
            return (try client(certificate: (cert, key)), nil)
        }
    }

    /// After a 401: whether trying again might help — a token file is read again (the kubelet may have
    /// rotated it while the request was in flight), and the credential plugin is re-run (the rejected
    /// credential is forgotten, unless a newer one already replaced it).
    func invalidateCredentials(rejected: ExecCredentialPlugin.Credential?) async -> Bool {
        if case .tokenFile = config.credentials { return true }
        guard let plugin else { return false }
        await plugin.invalidate(rejected: rejected)
        return true
    }

    /// A client dropped without `shutdown()` (an error path in a caller) still releases its connections, in
    /// the background, instead of AsyncHTTPClient's leak check stopping the process.
    deinit {
        guard !shutDown else { return }
        for client in clients.values { client.shutdown { _ in } }
    }

    func shutdown() async {
        guard !shutDown else { return }
        shutDown = true
        for client in clients.values { try? await client.shutdown() }
        clients = [:]
    }

    private func client(certificate: (Data, Data)?) throws -> HTTPClient {
        let key = certificate.map { $0.0 + $0.1 } ?? Data()
        if let existing = clients[key] { return existing }
        // A request still running after shutdown (a page fetched ahead, a retry) must not build a client
        // nobody will shut down: AsyncHTTPClient traps when such a client is released.
        guard !shutDown else {
            throw KubeAPIError.unreachable(
                server: config.server,
                reason: "this connection was already shut down; requests need a new KubeClient"
            )
        }
        let client = HTTPClient(
            eventLoopGroup: HTTPClient.defaultEventLoopGroup,
            configuration: try configuration(certificate: certificate)
        )
        clients[key] = client
        return client
    }

    private func configuration(certificate: (Data, Data)?) throws -> HTTPClient.Configuration {
        var tls = TLSConfiguration.makeClientConfiguration()
        let clusterEntry = "cluster \"\(config.clusterName)\""
        if let ca = config.certificateAuthorityPEM {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(ca)))
            } catch {
                throw KubeAPIError.invalidCredentialData(
                    field: "certificate-authority",
                    entry: clusterEntry,
                    reason: "not a PEM certificate bundle"
                )
            }
        }
        if config.insecureSkipTLSVerify { tls.certificateVerification = .none }
        if let (cert, key) = certificate {
            let userEntry = "user \"\(config.userName)\""
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(cert)).map { .certificate($0) }
            } catch {
                throw KubeAPIError.invalidCredentialData(
                    field: "client-certificate",
                    entry: userEntry,
                    reason: "not a PEM certificate"
                )
            }
            do {
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(key), format: .pem))
            } catch {
                throw KubeAPIError.invalidCredentialData(
                    field: "client-key",
                    entry: userEntry,
                    reason: "not a PEM private key (PKCS#1 RSA, SEC1 EC or PKCS#8 expected)"
                )
            }
        }
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow,
            // `read` is AsyncHTTPClient's idle-read timer (reset by every byte received); the end-to-end
            // bound is KubeClient's deadline.
            timeout: .init(
                connect: .seconds(10),
                read: KubeClient.timeAmount(options.idleReadTimer)
            )
        )
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16
        // KubeClient retries connection errors itself (with backoff) and never retries TLS failures, which
        // would otherwise be retried here until the connect timeout — 10 s before a bad CA is reported.
        configuration.connectionPool.retryConnectionEstablishment = false
        if let serverName = config.tlsServerName, !serverName.isEmpty,
            let host = URL(string: config.server)?.host
        {
            configuration.dnsOverride = [serverName: host]
        }
        return configuration
    }
}
