import ArgumentParser
import Foundation
import Workflows

extension AuditPack.Collect {
    /// Several clusters: one package each, side by side, then the fleet summary.
    func runFleet() async throws {
        MemoryTuning.returnFreedMemory()
        let logger = global.makeLogger()
        WorkFolder.installSignalCleanup()
        // Working files are private (0600 in 0700 folders); packages get the usual mode afterwards.
        let userMask = umask(0o077)
        let outcome = try await CLIExit.guarding {
            var base = try options.request(connection: connection)
            base.collection.progress = nil
            base.directory = URL(fileURLWithPath: fleet.outputDir ?? FileManager.default.currentDirectoryPath)
            var request = FleetWorkflow.Request(
                contexts: connection.contexts,
                allContexts: fleet.allContexts,
                base: base,
                parallelClusters: fleet.parallelClusters
            )
            request.chainFrom = fleet.chainFrom.map { URL(fileURLWithPath: $0) }
            return try await FleetWorkflow.run(request, logger: logger)
        }
        let folder = URL(fileURLWithPath: fleet.outputDir ?? FileManager.default.currentDirectoryPath)
        for package in outcome.summary.clusters.compactMap(\.package) {
            chmod(folder.appendingPathComponent(package).path, 0o666 & ~userMask)
        }
        if options.json {
            print(String(decoding: (try? outcome.summary.json()) ?? Data(), as: UTF8.self), terminator: "")
        } else if options.quiet {
            for cluster in outcome.summary.clusters { if let package = cluster.package { print(package) } }
        } else {
            print(outcome.summary.text(), terminator: "")
            print("Summary: " + outcome.summaryFiles.map(\.path).joined(separator: ", "))
        }
        for cluster in outcome.summary.clusters where cluster.status == .failed {
            CLIExit.warn("error: context \(cluster.context): \(cluster.reason ?? "failed")")
        }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
