import AuditPackCore
import Foundation
import KubeAPI

/// Trivy image scans when trivy-operator is absent: imported reports (`--trivy-report`) and, when `trivy`
/// is on PATH, `trivy image --format json --severity CRITICAL,HIGH IMAGE` per running image.
enum TrivyEvidence {
    static func collect(_ context: ItemContext) async throws -> ItemOutcome {
        let baseCommand = "trivy image --format json --severity CRITICAL,HIGH"
        var reports: [[String: Any]] = []
        for url in context.options.trivyReports {
            guard let data = FileManager.default.contents(atPath: url.path),
                let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else {
                return .failed(
                    .error,
                    note: "--trivy-report \(url.path) is not a readable Trivy JSON report.",
                    command: baseCommand
                )
            }
            reports.append([
                "source": "imported \(url.lastPathComponent)", "artifact": report["ArtifactName"] ?? NSNull(),
                "report": report,
            ])
        }
        var requests: [Manifest.RequestRecord] = []
        var failures: [String] = []
        let operatorInstalled =
            try await context.client.resource(group: "aquasecurity.github.io", name: "vulnerabilityreports") != nil
        if let trivy = context.options.trivyExecutable, !operatorInstalled {
            let pods = try await context.fetch(ListKey(group: "", resource: "pods")).get()
            requests.append(ItemOutcome.request(pods.summary))
            let images = ImageEvidence.running(in: ListFileReader(url: pods.file)).keys.map(\.image)
            for image in Set(images).sorted() {
                let arguments = ["image", "--format", "json", "--severity", "CRITICAL,HIGH", "--quiet", image]
                do {
                    let output = try await ProcessRunner.run(
                        executable: trivy,
                        arguments: arguments,
                        timeout: context.options.trivyTimeout
                    )
                    guard output.status == 0, let report = try? JSONSerialization.jsonObject(with: output.stdout) else {
                        failures.append("\(image): trivy exit \(output.status)")
                        continue
                    }
                    reports.append(["source": "\(baseCommand) \(image)", "artifact": image, "report": report])
                } catch {
                    failures.append("\(image): \(error)")
                }
            }
        }
        guard !reports.isEmpty || !failures.isEmpty else {
            let note =
                operatorInstalled
                ? "trivy-operator is installed; its VulnerabilityReports are evidence C04b."
                : "trivy-operator is not installed and no trivy was found on PATH; pass --trivy-report FILE or install trivy."
            return .failed(.notApplicable, note: note, command: baseCommand)
        }
        try context.writeJSON(["reports": reports])
        return ItemOutcome(
            status: failures.isEmpty ? .ok : .error,
            command: "\(baseCommand) IMAGE  # per running image",
            requests: requests,
            itemCount: reports.count,
            note: failures.isEmpty ? nil : "Some scans failed: " + failures.joined(separator: "; ")
        )
    }
}
