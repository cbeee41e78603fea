import AuditPackCore
import Foundation

/// Runs a kubeconfig `exec` credential plugin (client.authentication.k8s.io v1 / v1beta1) without a shell,
/// and caches what it returns until its `expirationTimestamp`: the plugin runs once per credential lifetime,
/// and callers arriving while it runs wait for that run instead of starting another. A run is bounded by
/// `timeout` (the plugin's process group is then stopped).
public actor ExecCredentialPlugin {
    public static let supportedAPIVersions = [
        "client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1",
    ]

    /// What a plugin hands back.
    public struct Credential: Sendable, Equatable {
        public var token: String?
        public var clientCertificatePEM: Data?
        public var clientKeyPEM: Data?
        public var expiration: Date?
    }

    private let config: Kubeconfig.ExecConfig
    private let baseDirectory: String
    private let userName: String
    private let cluster: (server: String, caPEM: Data?, insecure: Bool)
    private let environment: [String: String]
    private let now: @Sendable () -> Date
    private let timeout: Duration
    private var cached: Credential?
    private var inFlight: Task<Credential, Error>?
    /// How many times the plugin has run; tests read it to check caching.
    public private(set) var runs = 0
    /// How long the last run took, from the start of the plugin until it and its process group were done
    /// (nil before the first run).
    public private(set) var lastRunDuration: Duration?

    public init(
        config: Kubeconfig.ExecConfig,
        baseDirectory: String,
        userName: String,
        cluster: (server: String, caPEM: Data?, insecure: Bool),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        timeout: Duration = .seconds(120),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.timeout = timeout
        self.config = config
        self.baseDirectory = baseDirectory
        self.userName = userName
        self.cluster = cluster
        self.environment = environment
        self.now = now
    }

    /// The cached credential while it is valid, else a fresh one from the plugin (one run for all callers
    /// that ask while it runs).
    public func credential() async throws -> Credential {
        if let cached, cached.expiration.map({ $0 > now() }) ?? true {
            return cached
        }
        let task: Task<Credential, Error>
        if let inFlight {
            task = inFlight
        } else {
            runs += 1
            task = Task { try await self.run() }
            inFlight = task
        }
        do {
            let fresh = try await task.value
            finish(task, with: fresh)
            return fresh
        } catch {
            finish(task, with: nil)
            throw error
        }
    }

    private func finish(_ task: Task<Credential, Error>, with credential: Credential?) {
        guard inFlight == task else { return }
        inFlight = nil
        if let credential { cached = credential }
    }

    /// Forgets the cached credential (after the server answered 401), so the next call re-runs the plugin.
    /// With `rejected`, only when that is still the cached credential: many requests rejected at once cause
    /// one new run, not one each.
    public func invalidate(rejected: Credential? = nil) {
        guard rejected == nil || rejected == cached else { return }
        cached = nil
    }

    private func run() async throws -> Credential {
        let executable = try resolveExecutable()
        var env = environment
        for (name, value) in config.env { env[name] = value }
        env["KUBERNETES_EXEC_INFO"] = execInfo()
        let result: ProcessOutput
        do {
            result = try await ProcessRunner.run(
                executable: executable,
                arguments: config.args,
                environment: env,
                timeout: timeout,
                outputLimit: 1 << 20
            )
        } catch {
            throw failure("could not start \(executable) (\(error.localizedDescription))")
        }
        lastRunDuration = result.duration
        if result.timedOut {
            throw failure(
                "it did not finish within \(KubeAPIError.seconds(timeout.inSeconds)) s and was stopped "
                    + "(it may be waiting for an interactive login, which AuditPack cannot answer; log in first)"
            )
        }
        if result.outputLimitExceeded {
            throw failure("it wrote more than 1 MiB of output and was stopped")
        }
        guard result.status == 0 else {
            let detail = PluginStderr.summary(result.stderr)
            throw failure("exit code \(result.status)\(detail.isEmpty ? "" : ": \(detail)")")
        }
        return try parse(result.stdout)
    }

    private func failure(_ reason: String) -> KubeAPIError {
        .execPluginFailed(command: config.command, user: userName, reason: reason)
    }

    private func resolveExecutable() throws -> String {
        let command = config.command
        if command.hasPrefix("/") { return command }
        if command.contains("/") { return (baseDirectory as NSString).appendingPathComponent(command) }
        if let found = Executables.find(command, environment: environment) { return found }
        throw failure("\"\(command)\" is not on PATH" + (config.installHint.map { ". \($0)" } ?? ""))
    }

    private func execInfo() -> String {
        var spec: [String: Any] = ["interactive": false]
        if config.provideClusterInfo {
            var info: [String: Any] = ["server": cluster.server, "insecure-skip-tls-verify": cluster.insecure]
            if let ca = cluster.caPEM { info["certificate-authority-data"] = ca.base64EncodedString() }
            spec["cluster"] = info
        }
        let document: [String: Any] = ["apiVersion": config.apiVersion, "kind": "ExecCredential", "spec": spec]
        let data = (try? JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    private func parse(_ output: Data) throws -> Credential {
        guard let object = try? JSONSerialization.jsonObject(with: output) as? [String: Any] else {
            throw failure("its output is not an ExecCredential JSON document")
        }
        guard object["kind"] as? String == "ExecCredential" else {
            throw failure("its output has kind \(object["kind"] ?? "none"), expected ExecCredential")
        }
        guard object["apiVersion"] as? String == config.apiVersion else {
            throw failure(
                "it answered apiVersion \(object["apiVersion"] ?? "none"), but the kubeconfig asks for \(config.apiVersion)"
            )
        }
        let status = object["status"] as? [String: Any] ?? [:]
        let credential = Credential(
            token: (status["token"] as? String).flatMap { $0.isEmpty ? nil : $0 },
            clientCertificatePEM: (status["clientCertificateData"] as? String).map { Data($0.utf8) },
            clientKeyPEM: (status["clientKeyData"] as? String).map { Data($0.utf8) },
            expiration: (status["expirationTimestamp"] as? String).flatMap(Timestamp.parse)
        )
        if credential.token == nil && (credential.clientCertificatePEM == nil || credential.clientKeyPEM == nil) {
            throw failure("its ExecCredential status has neither a token nor clientCertificateData + clientKeyData")
        }
        return credential
    }
}
