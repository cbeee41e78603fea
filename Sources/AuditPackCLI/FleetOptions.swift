import ArgumentParser
import Foundation

/// Collecting several clusters in one run: `--context A --context B` or `--all-contexts`.
struct FleetOptions: ParsableArguments {
    @Flag(help: "Collect every context of the (merged) kubeconfig, one package per cluster.")
    var allContexts = false

    @Option(help: "Clusters collected at once (1–32).")
    var parallelClusters = 4

    @Option(help: "Folder for the packages and the fleet summary when collecting several clusters (default: .).")
    var outputDir: String?

    @Option(help: "Link each cluster's package to its latest package in this folder (matched by cluster id).")
    var chainFrom: String?

    func validate() throws {
        guard (1...32).contains(parallelClusters) else {
            throw ValidationError("--parallel-clusters must be between 1 and 32.")
        }
        if let outputDir {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: outputDir, isDirectory: &isDirectory), isDirectory.boolValue
            else { throw ValidationError("--output-dir \(outputDir) is not an existing folder.") }
        }
        if let chainFrom {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: chainFrom, isDirectory: &isDirectory), isDirectory.boolValue
            else { throw ValidationError("--chain-from \(chainFrom) is not an existing folder.") }
        }
    }
}
