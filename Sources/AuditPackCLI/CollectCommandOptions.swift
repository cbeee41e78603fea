import ArgumentParser
import AuditPackCore
import Collection
import Foundation
import Packaging
import Workflows

/// `collect`'s own flags for one run: what to collect, where the package goes, how it is signed and chained,
/// what is printed. The fleet form reuses them per cluster.
struct CollectCommandOptions: ParsableArguments {
    @Option(help: "Package path (default: ./audit-evidence-<cluster>-<UTC time>.zip).")
    var output: String?

    @Option(help: "Comma-separated control ids to collect, e.g. C01,C05 (default: all ten).")
    var controls: String?

    @Option(help: "Name prefix of the kube-bench Job to read (C08).")
    var kubeBenchJob = "kube-bench"

    @Option(parsing: .upToNextOption, help: "Trivy JSON reports to import into C04 (trivy image --format json).")
    var trivyReport: [String] = []

    @Option(
        help: "Ed25519 private key (from `auditpack keygen`) to sign the package with; or set AUDITPACK_SIGNING_KEY."
    )
    var signingKey: String?

    @Option(help: "The previous package of a series: its manifest hash is recorded, linking the two.")
    var previous: String?

    @Flag(help: "Replace the --output file if it exists (never a file this command reads).")
    var force = false

    @Flag(help: "Print only the package path.")
    var quiet = false

    @Flag(help: "Print a machine-readable summary (JSON) on stdout.")
    var json = false

    func validate() throws {
        if let ids = controlIDs {
            let known = (try? Catalog.builtIn().controls.map(\.id)) ?? []
            guard !ids.isEmpty else {
                throw ValidationError("--controls names no control; name some of \(known.joined(separator: ", ")).")
            }
            let unknown = ids.filter { !known.contains($0) }
            guard unknown.isEmpty else {
                throw ValidationError(
                    "Unknown control id(s) \(unknown.joined(separator: ", ")); known: \(known.joined(separator: ", "))."
                )
            }
        }
        for report in trivyReport where !FileManager.default.isReadableFile(atPath: report) {
            throw ValidationError("--trivy-report \(report) cannot be read.")
        }
        if let previous, !FileManager.default.isReadableFile(atPath: previous) {
            throw ValidationError("--previous \(previous) cannot be read.")
        }
        guard !(quiet && json) else { throw ValidationError("Use either --quiet or --json, not both.") }
    }

    /// The ids `--controls` names (empty entries dropped), or nil for all.
    var controlIDs: [String]? {
        controls.map {
            $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
        }
    }

    func request(connection: ConnectionOptions, kubeconfig: String? = nil) throws -> CollectWorkflow.Request {
        var collection = CollectionOptions()
        collection.controls = controlIDs.map(Set.init)
        collection.kubeBenchJobPrefix = kubeBenchJob
        collection.trivyReports = trivyReport.map { URL(fileURLWithPath: $0) }
        collection.trivyExecutable = Executables.find("trivy")
        if !quiet && !json {
            collection.progress = { entry in
                Swift.print(ProgressText.line(entry))
            }
        }
        var request = CollectWorkflow.Request(
            kubeconfig: kubeconfig ?? connection.kubeconfig,
            context: connection.context,
            output: output.map { URL(fileURLWithPath: $0) },
            clientOptions: connection.clientOptions,
            collection: collection
        )
        let keyPath = signingKey ?? ProcessInfo.processInfo.environment["AUDITPACK_SIGNING_KEY"]
        request.signingKey = try keyPath.map { try SigningKey.load(path: $0) }
        request.signingKeyPath = keyPath
        request.previous = previous.map { URL(fileURLWithPath: $0) }
        request.force = force
        return request
    }

    func print(_ result: CollectWorkflow.Result) {
        if quiet {
            Swift.print(result.package.path)
        } else if json {
            Swift.print(ProgressText.json(result))
        } else {
            Swift.print(ProgressText.summary(result))
            Swift.print("\n" + VerdictText.summary(result.findings))
        }
    }
}
