import ArgumentParser
import Foundation
import KubeEmulator

extension AuditPack {
    /// The built-in Kubernetes API emulator, for trying AuditPack or kubectl without a cluster.
    struct Sandbox: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the built-in sample cluster (a Kubernetes API emulator).",
            subcommands: [Serve.self]
        )
    }
}

extension AuditPack.Sandbox {
    /// `auditpack sandbox serve`: serves the sample cluster in the foreground until interrupted.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Serve the sample cluster on a loopback port until Ctrl-C; point kubectl at it."
        )

        @Option(help: "Port to listen on (0 picks a free one).")
        var port: Int = 0

        @Option(help: "Where to write a kubeconfig for the sandbox (default: ./auditpack-sandbox.kubeconfig).")
        var kubeconfigOut: String = "auditpack-sandbox.kubeconfig"

        @Flag(inversion: .prefixedNo, help: "Serve HTTPS with a generated CA (default) or plain HTTP.")
        var tls = true

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        }

        func run() async throws {
            var options = EmulatorOptions()
            options.port = port
            options.tls = tls
            let path = URL(fileURLWithPath: kubeconfigOut)
            let session = try await CLIExit.guarding {
                try await SandboxSession.start(
                    folder: path.deletingLastPathComponent(),
                    options: options,
                    kubeconfigPath: path
                )
            }
            print("Sample cluster serving at \(session.emulator.baseURL)")
            print("kubeconfig written to \(session.kubeconfig.path); try:")
            print("  kubectl --kubeconfig \(session.kubeconfig.path) get namespaces")
            print("Press Ctrl-C to stop.")
            await Signals.waitForInterrupt()
            await session.emulator.stop()
            print("Stopped.")
        }
    }
}

/// Waits for SIGINT or SIGTERM.
enum Signals {
    static func waitForInterrupt() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumed = Once()
            for signalNumber in [SIGINT, SIGTERM] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler {
                    if resumed.claim() { continuation.resume() }
                }
                source.resume()
                Retained.sources.append(source)
            }
        }
    }
}

private final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    func claim() -> Bool {
        lock.withLock {
            defer { done = true }
            return !done
        }
    }
}

private enum Retained {
    nonisolated(unsafe) static var sources: [DispatchSourceSignal] = []
}
