import ArgumentParser
import AuditPackCore
import ClusterGenerator
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

        @Option(help: "Append one line per request (method, path, status, ms) to this file, as requests arrive.")
        var requestLog: String?

        @Option(
            name: .customLong("generate"),
            help: ArgumentHelp(
                "Serve the sample cluster plus generated namespaces, e.g. namespaces=2000,seed=7.",
                discussion: "The spec is \(GenerationSpec.grammar). Defaults: 10 pods, 10 RoleBindings and 2 "
                    + "NetworkPolicies per namespace, 2.5 ClusterRoleBindings per namespace, seed 1.",
                valueName: "spec"
            )
        )
        var generateSpec: String?

        @Option(
            name: .customLong("latency-ms"),
            help: "Wait this many milliseconds before answering each request (a cluster a network hop away)."
        )
        var latencyMilliseconds: Int = 0

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
            guard (0...60_000).contains(latencyMilliseconds) else {
                throw ValidationError("--latency-ms must be between 0 and 60000.")
            }
            if let generateSpec {
                do {
                    _ = try GenerationSpec(parsing: generateSpec)
                } catch {
                    throw ValidationError("--generate: \(CLIExit.describe(error))")
                }
            }
        }

        func run() async throws {
            var options = EmulatorOptions()
            options.port = port
            options.tls = tls
            if let requestLog {
                let log = try await CLIExit.guarding { try RequestLogFile(path: requestLog) }
                options.onRequest = { log.append($0) }
            }
            let path = URL(fileURLWithPath: kubeconfigOut)
            let spec = try generateSpec.map { try GenerationSpec(parsing: $0) }
            let session = try await CLIExit.guarding {
                guard let spec else {
                    return try await SandboxSession.start(
                        folder: path.deletingLastPathComponent(),
                        options: options,
                        kubeconfigPath: path
                    )
                }
                let clock = ContinuousClock()
                var store = ClusterStore()
                let seconds = try clock.measure { store = try ClusterStore.generated(spec) }.inSeconds
                print("Generated \(spec) in \(String(format: "%.1f", seconds)) s.")
                return try await SandboxSession.start(
                    folder: path.deletingLastPathComponent(),
                    store: store,
                    options: options,
                    kubeconfigPath: path
                )
            }
            if latencyMilliseconds > 0 {
                session.emulator.setFaults([
                    Fault(pathPrefix: "/", kind: .latency(milliseconds: latencyMilliseconds), times: .max)
                ])
            }
            print("\(spec == nil ? "Sample" : "Generated") cluster serving at \(session.emulator.baseURL)")
            print(
                "\(session.emulator.store.objectCount) objects; kubeconfig written to \(session.kubeconfig.path); try:"
            )
            print("  kubectl --kubeconfig \(session.kubeconfig.path) get namespaces")
            print("Press Ctrl-C to stop.")
            fflush(nil)  // flush now: a script reading a pipe waits for these lines
            await Signals.waitForInterrupt()
            await session.emulator.stop()
            print("Stopped.")
        }
    }
}
