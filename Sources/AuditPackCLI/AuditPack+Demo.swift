import ArgumentParser
import Collection
import Foundation
import KubeAPI
import KubeEmulator

extension AuditPack {
    /// Runs the real code path against the built-in sample cluster: no cluster or network needed.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start the built-in sample cluster on a loopback port and run AuditPack against it.")

        @OptionGroup var global: GlobalOptions

        @Option(help: "Folder for the demo's output (default: a new temporary folder).")
        var output: String?

        func run() async throws {
            let logger = global.makeLogger()
            let folder = output.map { URL(fileURLWithPath: $0) } ?? TemporaryFolder.make(prefix: "auditpack-demo")
            let report = try await CLIExit.guarding {
                let sandbox = try await SandboxSession.start(folder: folder)
                print("Sample cluster serving at \(sandbox.emulator.baseURL) (kubeconfig: \(sandbox.kubeconfig.path))")
                do {
                    let config = try ConnectionConfig.discover(kubeconfigPath: sandbox.kubeconfig.path, context: nil)
                    let client = try KubeClient(config: config, logger: logger)
                    defer { Task { await client.shutdown() } }
                    let report = try await ClusterProbe.run(client: client, outputDirectory: folder)
                    await client.shutdown()
                    await sandbox.emulator.stop()
                    return report
                } catch {
                    await sandbox.emulator.stop()
                    throw error
                }
            }
            print(ProbeText.render(report))
            print("\nDemo output is in \(folder.path)")
        }
    }
}

/// A running sample cluster plus a kubeconfig file that points at it.
struct SandboxSession {
    var emulator: KubeEmulator
    var kubeconfig: URL

    static func start(folder: URL, options: EmulatorOptions = EmulatorOptions(), kubeconfigPath: URL? = nil)
        async throws -> SandboxSession
    {
        let emulator = KubeEmulator(store: try ClusterStore.sample(), options: options)
        try await emulator.start()
        let file = kubeconfigPath ?? folder.appendingPathComponent("kubeconfig")
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(Data(emulator.kubeconfigYAML().utf8), to: file, permissions: 0o600)
        } catch {
            await emulator.stop()
            throw error
        }
        return SandboxSession(emulator: emulator, kubeconfig: file)
    }
}

/// Writes through a temporary file in the same folder and renames it into place, so a reader never sees
/// a half-written file.
enum AtomicFile {
    static func write(_ data: Data, to url: URL, permissions: Int) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        guard FileManager.default.createFile(
            atPath: temporary.path, contents: data, attributes: [.posixPermissions: permissions])
        else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }
}
