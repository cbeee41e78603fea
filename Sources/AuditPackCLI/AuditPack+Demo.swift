import ArgumentParser
import Collection
import Foundation
import KubeAPI
import KubeEmulator
import Workflows

extension AuditPack {
    /// Runs the real code path against the built-in sample cluster: no cluster or network needed.
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start the built-in sample cluster on a loopback port and collect its evidence package."
        )

        @OptionGroup var global: GlobalOptions

        @Option(help: "Folder for the demo's package and kubeconfig (default: ./auditpack-demo).")
        var directory: String = "auditpack-demo"

        func run() async throws {
            MemoryTuning.returnFreedMemory()
            WorkFolder.installSignalCleanup()
            let logger = global.makeLogger()
            let folder = URL(fileURLWithPath: directory)
            let result = try await CLIExit.guarding {
                let sandbox = try await SandboxSession.start(folder: folder)
                print("Sample cluster serving at \(sandbox.emulator.baseURL) (kubeconfig: \(sandbox.kubeconfig.path))")
                print("Collecting evidence for all ten controls…\n")
                do {
                    var collection = CollectionOptions()
                    collection.progress = { print(ProgressText.line($0)) }
                    let request = CollectWorkflow.Request(
                        kubeconfig: sandbox.kubeconfig.path,
                        directory: folder,
                        collection: collection,
                        environment: [:]
                    )
                    let result = try await CollectWorkflow.run(request, logger: logger)
                    await sandbox.emulator.stop()
                    return result
                } catch {
                    await sandbox.emulator.stop()
                    throw error
                }
            }
            print(ProgressText.summary(result))
            print("\n" + VerdictText.summary(result.findings))
            print("\nNext: auditpack verify \(result.package.path)")
            print("      auditpack report \(result.package.path) --format html --output report.html")
            print("      auditpack report \(result.package.path) --format oscal --output assessment-results.json")
        }
    }
}

/// A running sample cluster plus a kubeconfig file that points at it.
struct SandboxSession {
    var emulator: KubeEmulator
    var kubeconfig: URL

    static func start(
        folder: URL,
        store: ClusterStore? = nil,
        options: EmulatorOptions = EmulatorOptions(),
        kubeconfigPath: URL? = nil
    )
        async throws -> SandboxSession
    {
        let emulator = KubeEmulator(store: try store ?? ClusterStore.sample(), options: options)
        try await emulator.start()
        let file = kubeconfigPath ?? folder.appendingPathComponent("kubeconfig")
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
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
        guard
            FileManager.default.createFile(
                atPath: temporary.path,
                contents: data,
                attributes: [.posixPermissions: permissions]
            )
        else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }
}
