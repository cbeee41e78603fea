import ArgumentParser
import Collection
import Foundation
import KubeAPI
import KubeEmulator
import Workflows

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
