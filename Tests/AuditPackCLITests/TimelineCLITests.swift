import Foundation
import KubeEmulator
import TestSupport
import Testing

/// `auditpack timeline` as a user runs it: exit codes, --directory, refused mixtures of clusters.
@Suite("timeline: exit codes")
struct TimelineCLITests {
    @Test func timelineExitCodes() async throws {
        let folder = TestFolder()
        let series = folder.url.appendingPathComponent("series")
        try FileManager.default.createDirectory(at: series, withIntermediateDirectories: true)
        let first = series.appendingPathComponent("a.zip").path
        let second = series.appendingPathComponent("b.zip").path
        try await withEmulator { fixture in
            let session = CLISession(fixture)
            #expect(try await session.collect(["--controls", "C01,C07"], output: first).status == 0)
            #expect(
                try await session.collect(["--controls", "C01,C07", "--previous", first], output: second).status == 0
            )
            let json = folder.path("timeline.json")
            let intact = try await CLIProcess.run([
                "timeline", "--directory", series.path, "--format", "json", "--output", json,
            ])
            #expect(intact.status == 0, "\(intact.stdoutText) \(intact.stderrText)")
            let document =
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json)))
                as? [String: Any]
            #expect((document?["runs"] as? [[String: Any]])?.count == 2)
            #expect((document?["chain"] as? [String: Any])?["intact"] as? Bool == true)
            #expect(document?["missed_runs"] as? [Any] != nil && (document?["missed_runs"] as? [Any])?.isEmpty == true)

            // A run collected without --previous breaks the chain: 1.
            let third = series.appendingPathComponent("c.zip").path
            #expect(try await session.collect(["--controls", "C01,C07"], output: third).status == 0)
            let broken = try await CLIProcess.run(["timeline", first, second, third])
            #expect(broken.status == 1)
            #expect(broken.stdoutText.contains("Chain: broken"))
            #expect(broken.stdoutText.contains("c.zip (no_link)"))
        }
        // Another cluster's package in the series: 2, naming both.
        let otherCluster = try ClusterStore.sample().replacing(kind: "Namespace", name: "kube-system") {
            var metadata = $0["metadata"] as? [String: Any] ?? [:]
            metadata["uid"] = "0b5e4c1a-0000-4000-8000-000000000003"
            $0["metadata"] = metadata
        }
        try await withEmulator(store: otherCluster) { fixture in
            let other = folder.path("other.zip")
            #expect(try await CLISession(fixture).collect(["--controls", "C01"], output: other).status == 0)
            let mixed = try await CLIProcess.run(["timeline", first, other])
            #expect(mixed.status == 2)
            #expect(mixed.stderrText.contains("0b5e4c1a-0000-4000-8000-000000000003"))
            #expect(mixed.stderrText.contains("a.zip") && mixed.stderrText.contains("other.zip"))
        }
        #expect(try await CLIProcess.run(["timeline", first, "--expect-every", "daily"]).status == 2)
        #expect(try await CLIProcess.run(["timeline", first, "--directory", series.path]).status == 2)
        #expect(try await CLIProcess.run(["timeline", "--directory", folder.path("absent")]).status == 2)
    }
}
