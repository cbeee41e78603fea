import AuditPackCore
import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOSSL
import ServiceLifecycle

/// A Kubernetes API server emulator on a loopback port: discovery, lists with pagination and selectors,
/// single objects, pod logs and the self-review APIs, over HTTPS (default) or HTTP. It refuses every write.
///
/// ```swift
/// let emulator = KubeEmulator(store: try ClusterStore.sample(), options: EmulatorOptions())
/// try await emulator.start()
/// print(emulator.kubeconfigYAML())
/// await emulator.stop()
/// ```
public final class KubeEmulator: Sendable {
    let engine: EmulatorEngine
    let authorityResult: Result<CertificateAuthority, KubeEmulatorError>
    private let lifecycle = LockedBox(Lifecycle())

    private struct Lifecycle {
        var task: Task<Void, Never>?
        var group: ServiceGroup?
        var port: Int?
        var failure: String?
    }

    /// An emulator serving `store`; nothing listens until ``start()``. The CA is generated here.
    public init(store: ClusterStore, options: EmulatorOptions = EmulatorOptions()) {
        self.engine = EmulatorEngine(store: store, options: options)
        do {
            self.authorityResult = .success(try CertificateAuthority())
        } catch let error as KubeEmulatorError {
            self.authorityResult = .failure(error)
        } catch {
            self.authorityResult = .failure(.certificateGeneration(reason: "\(error)"))
        }
    }

    /// The options the emulator was created with.
    public var options: EmulatorOptions { engine.options }

    /// Binds and serves in the background; returns once the listener is up. Calling it again does nothing.
    public func start() async throws {
        if lifecycle.withLock({ $0.task != nil }) { return }
        let options = engine.options
        let configuration = ApplicationConfiguration(address: .hostname(options.host, port: options.port))
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let responder = APIResponder(engine: engine)
        let application: Application<APIResponder>
        if options.tls {
            application = Application(
                responder: responder,
                server: try .tls(.http1(), tlsConfiguration: try serverTLSConfiguration()),
                configuration: configuration,
                onServerRunning: { channel in
                    portContinuation.yield(channel.localAddress?.port ?? 0)
                    portContinuation.finish()
                },
                logger: engine.logger
            )
        } else {
            application = Application(
                responder: responder,
                server: .http1(),
                configuration: configuration,
                onServerRunning: { channel in
                    portContinuation.yield(channel.localAddress?.port ?? 0)
                    portContinuation.finish()
                },
                logger: engine.logger
            )
        }
        let lifecycle = self.lifecycle
        // Run under a service group so stop() can shut down gracefully: cancelling the server task drops
        // connections it accepted but has not started, which NIO treats as a fatal error.
        let group = ServiceGroup(
            configuration: .init(services: [application], gracefulShutdownSignals: [], logger: engine.logger)
        )
        let task = Task {
            do {
                try await group.run()
            } catch {
                lifecycle.withLock { $0.failure = "\(error)" }
            }
            portContinuation.finish()
        }
        lifecycle.withLock {
            $0.task = task
            $0.group = group
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            await task.value
            let reason = lifecycle.withLock { state in
                defer { state = Lifecycle() }
                return state.failure ?? "the server stopped before listening"
            }
            throw KubeEmulatorError.listenFailed(address: "\(options.host):\(options.port)", reason: reason)
        }
        lifecycle.withLock { $0.port = port }
        engine.serverAddress = "\(Self.urlHost(options.host)):\(port)"
    }

    /// Stops listening and closes open connections (well under a second). Safe to call more than once.
    public func stop() async {
        let (task, group) = lifecycle.withLock { state in
            defer { state = Lifecycle() }
            return (state.task, state.group)
        }
        guard let task else { return }
        await group?.triggerGracefulShutdown()
        // Idle keep-alive connections close at once; give busy ones a moment, then cancel.
        let watchdog = Task {
            guard (try? await Task.sleep(for: .seconds(3))) != nil else { return }
            task.cancel()
        }
        await task.value
        watchdog.cancel()
    }

    /// The port being listened on, once started.
    public var port: Int? {
        lifecycle.withLock { $0.port }
    }

    /// The server URL, e.g. "https://127.0.0.1:54321" (the port is 0 before ``start()``).
    public var baseURL: String {
        "\(engine.tls ? "https" : "http")://\(Self.urlHost(engine.options.host)):\(port ?? engine.options.port)"
    }

    /// The generated CA certificate (PEM) that signs the serving and client certificates.
    public var caCertificatePEM: String {
        (try? authorityResult.get().certificatePEM) ?? ""
    }

    /// The store being served.
    public var store: ClusterStore { engine.store }

    /// Serves a different store from now on (lists continued from the old one get 410 Gone).
    public func replaceStore(_ store: ClusterStore) {
        engine.store = store
    }

    private static func urlHost(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }

    private func serverTLSConfiguration() throws -> TLSConfiguration {
        let authority = try authorityResult.get()
        let serving = try authority.servingCertificate(engine.options.servingCertificate, host: engine.options.host)
        do {
            let certificate = try NIOSSLCertificate(bytes: Array(serving.certificatePEM.utf8), format: .pem)
            let key = try NIOSSLPrivateKey(bytes: Array(serving.keyPEM.utf8), format: .pem)
            let ca = try NIOSSLCertificate(bytes: Array(authority.certificatePEM.utf8), format: .pem)
            var configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: [.certificate(certificate)],
                privateKey: .privateKey(key)
            )
            // Client certificates are optional, but one that is presented must chain to the CA.
            configuration.certificateVerification = .optionalVerification
            configuration.trustRoots = .certificates([ca])
            configuration.applicationProtocols = ["http/1.1"]
            return configuration
        } catch {
            throw KubeEmulatorError.certificateGeneration(reason: "loading the serving certificate: \(error)")
        }
    }
}
