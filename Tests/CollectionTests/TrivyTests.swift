import AuditPackCore
import Collection
import Foundation
import KubeEmulator
import TestSupport
import Testing
import Workflows

/// C04 without trivy-operator: a stand-in `trivy` on PATH prints a real upstream Trivy report for every
/// image it is asked about, and `--trivy-report` imports an existing one.
@Suite("collect: Trivy when trivy-operator is absent")
struct TrivyTests {
    @Test func localTrivyScansEveryRunningImageAndReportsAreImported() async throws {
        let report = UpstreamSamples.url("trivy/trivy-image-alpine-3.9.json")
        let folder = TestFolder()
        let calls = folder.path("trivy-calls")
        // The stand-in records its arguments and prints the real report (no shell in AuditPack; this is the tool).
        let script = try folder.write(
            "bin/trivy",
            """
            #!/bin/sh
            echo "$@" >> \(calls)
            cat \(report.path)
            """
        )
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        let imported = UpstreamSamples.url("trivy/trivy-image-debian-buster.json")

        let store = try ClusterStore.sample().removingGroup("aquasecurity.github.io")
        let package = try await withEmulator(store: store) { fixture in
            let kubeconfig = try folder.write("kubeconfig", fixture.emulator.kubeconfigYAML())
            var collection = CollectionOptions()
            collection.controls = ["C04"]
            collection.trivyExecutable = script
            collection.trivyReports = [imported]
            let request = CollectWorkflow.Request(
                kubeconfig: kubeconfig,
                directory: folder.url,
                clientOptions: EmulatorFixture.fastOptions(),
                collection: collection,
                environment: [:]
            )
            return try await CollectWorkflow.run(request, logger: EmulatorFixture.quietLogger)
        }
        let entries = Dictionary(uniqueKeysWithValues: package.manifest.controls.map { ($0.id, $0) })
        #expect(entries["C04b"]?.status == .notInstalled)
        #expect(entries["C04c"]?.status == .ok)
        let images = Set(
            try String(contentsOfFile: calls, encoding: .utf8).split(separator: "\n").map {
                String($0.split(separator: " ").last ?? "")
            }
        )
        #expect(images.count >= 10, "one scan per distinct running image: \(images.count)")
        let arguments = try String(contentsOfFile: calls, encoding: .utf8).split(separator: "\n").first ?? ""
        #expect(arguments.hasPrefix("image --format json --severity CRITICAL,HIGH"))
        #expect(entries["C04c"]?.itemCount == images.count + 1, "every scan plus the imported report")
        let findings = package.findings.controls.first { $0.id == "C04" }
        #expect(findings?.verdict == .fail, "the alpine report carries CRITICAL vulnerabilities")
        #expect(findings?.findings.contains { $0.rule == "C04.critical-vulnerabilities" } == true)
    }
}
