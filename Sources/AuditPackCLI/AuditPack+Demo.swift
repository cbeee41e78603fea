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
