import Foundation
import KubeAPI
import KubeEmulator
import Logging

/// Starts an emulator on a loopback port and builds clients for it; `stop()` ends it.
public struct EmulatorFixture {
    public let emulator: KubeEmulator
    public let folder = TestFolder()

    public static func start(
        store: ClusterStore? = nil,
        options: EmulatorOptions = EmulatorOptions()
    ) async throws -> EmulatorFixture {
        let emulator = KubeEmulator(store: try store ?? ClusterStore.sample(), options: options)
        try await emulator.start()
        return EmulatorFixture(emulator: emulator)
    }

    /// A client from the emulator's own kubeconfig (token auth over TLS), through the kubeconfig loader.
    public func client(
        kubeconfig: String? = nil,
        options: KubeClientOptions = Self.fastOptions(),
        logger: Logger = Self.quietLogger
    ) throws -> KubeClient {
        let file = try folder.write("kubeconfig-\(UUID().uuidString)", kubeconfig ?? emulator.kubeconfigYAML())
        let config = try ConnectionConfig.discover(kubeconfigPath: file, context: nil, environment: [:])
        return try KubeClient(config: config, options: options, logger: logger)
    }

    /// A client configured the way a pod is: no kubeconfig, `KUBERNETES_SERVICE_HOST`/`_PORT` naming the
    /// emulator and `serviceAccount` as the mounted service-account folder (the test writes `token` and
    /// `ca.crt` there).
    public func inClusterClient(serviceAccount: String, home: String) throws -> KubeClient {
        guard let url = URL(string: emulator.baseURL), let host = url.host, let port = url.port else {
            throw Tools.Failure(description: "the emulator's URL \(emulator.baseURL) has no host and port")
        }
        let config = try ConnectionConfig.discover(
            kubeconfigPath: nil,
            context: nil,
            environment: ["HOME": home, "KUBERNETES_SERVICE_HOST": host, "KUBERNETES_SERVICE_PORT": String(port)],
            serviceAccountDirectory: serviceAccount
        )
        return try KubeClient(config: config, options: Self.fastOptions(), logger: Self.quietLogger)
    }

    public func stop() async {
        await emulator.stop()
    }

    public static var quietLogger: Logger {
        var logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        logger.logLevel = .critical
        return logger
    }

    /// Retries without real waiting, so tests stay fast.
    public static func fastOptions(pageSize: Int = 500, recorder: DelayRecorder? = nil) -> KubeClientOptions {
        var options = KubeClientOptions()
        options.pageSize = pageSize
        options.requestTimeout = .seconds(10)
        options.retry = RetryPolicy(maxRetries: 4, baseDelay: .milliseconds(1), maxDelay: .milliseconds(5)) { delay in
            await recorder?.record(delay)
        }
        return options
    }

    /// A kubeconfig for the emulator with the given cluster and user sections (YAML flow maps).
    public func kubeconfig(cluster: String, user: String) -> String {
        """
        apiVersion: v1
        kind: Config
        current-context: test
        clusters: [{name: emulator, cluster: \(cluster)}]
        contexts: [{name: test, context: {cluster: emulator, user: tester}}]
        users: [{name: tester, user: \(user)}]
        """
    }

    public var caData: String { Data(emulator.caCertificatePEM.utf8).base64EncodedString() }
}

/// Records the delays a retry policy asked for.
public actor DelayRecorder {
    public init() {}
    public private(set) var delays: [Duration] = []
    public func record(_ delay: Duration) { delays.append(delay) }
}

/// Runs `body` with a started fixture and always stops it.
public func withEmulator<T>(
    store: ClusterStore? = nil,
    options: EmulatorOptions = EmulatorOptions(),
    _ body: (EmulatorFixture) async throws -> T
) async throws -> T {
    let fixture = try await EmulatorFixture.start(store: store, options: options)
    do {
        let result = try await body(fixture)
        await fixture.stop()
        return result
    } catch {
        await fixture.stop()
        throw error
    }
}

extension EmulatorOptions {
    /// Default options changed by `change`.
    public static func configured(_ change: (inout EmulatorOptions) -> Void) -> EmulatorOptions {
        var options = EmulatorOptions()
        change(&options)
        return options
    }
}
