import AuditPackCore
import Foundation
import KubeEmulator
import Packaging
import TestSupport
import Testing

extension CLITests {
    /// The commands and flags a user reaches first, run as the built binary against the emulator: what they
    /// print, what they write, and the exit code the README documents.
    @Suite("auditpack commands and connection flags")
    struct CommandRunTests {
        static func manifest(_ package: String) throws -> Manifest {
            try Manifest.decode(try PackageReader(url: URL(fileURLWithPath: package)).data("manifest.json"))
        }

        @Test func probeReadsTheClusterAndWritesTheNamespaceList() async throws {
            try await withEmulator { fixture in
                let session = CLISession(fixture)
                let folder = session.folder.path("probe")
                let run = try await CLIProcess.run(["probe", "--kubeconfig", session.kubeconfig, "--output", folder])
                #expect(run.status == 0, "\(run.stderrText)")
                #expect(run.stdoutText.contains("Identity    auditpack-demo"), "\(run.stdoutText)")
                #expect(run.stdoutText.contains("Kubernetes v1.30.4"))
                let written = try Data(contentsOf: URL(fileURLWithPath: folder + "/namespaces.json"))
                let names = ListFileReader(url: URL(fileURLWithPath: folder + "/namespaces.json")).compactMap {
                    ($0["metadata"] as? [String: Any])?["name"] as? String
                }
                #expect(!written.isEmpty && names.contains("kube-system"))
                #expect(run.stdoutText.contains("Namespaces  \(names.count) in"))
            }
            let unreachable = try await CLIProcess.run([
                "probe", "--kubeconfig", try TestFolder().unreachableKubeconfig(), "--timeout", "5",
            ])
            #expect(unreachable.status == 2, "\(unreachable.stderrText)")
            #expect(unreachable.stderrText.contains("error:"))
        }

        @Test func controlsListsTheCatalog() async throws {
            let text = try await CLIProcess.run(["controls"])
            #expect(text.status == 0, "\(text.stderrText)")
            let catalog = try Catalog.builtIn()
            for control in catalog.controls { #expect(text.stdoutText.contains(control.id)) }
            let json = try await CLIProcess.run(["controls", "--json"])
            #expect(json.status == 0)
            #expect(try JSONSerialization.jsonObject(with: json.stdout) is [String: Any] || json.stdout.first == 0x5B)
            let refused = try await CLIProcess.run(["controls", "--framework", "hipaa"])
            #expect(refused.status == 2)
        }

        @Test func collectQuietPrintsOnlyThePathAndJSONIsMachineReadable() async throws {
            try await withEmulator { fixture in
                let quiet = CLISession(fixture)
                let run = try await quiet.collect(["--controls", "C01", "--quiet"])
                #expect(run.status == 0, "\(run.stderrText)")
                #expect(run.stdoutText == quiet.package + "\n")

                let machine = CLISession(fixture)
                let json = try await machine.collect(["--controls", "C01", "--json"])
                #expect(json.status == 0, "\(json.stderrText)")
                let summary = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
                #expect(summary["package"] as? String == machine.package, "\(summary)")
            }
        }

        @Test func reportWritesItsOutputFile() async throws {
            try await withEmulator { fixture in
                let session = CLISession(fixture)
                _ = try await session.collect(["--controls", "C01,C03"])
                let file = session.folder.path("backlog.csv")
                let run = try await CLIProcess.run(["report", session.package, "--format", "csv", "--output", file])
                #expect(run.status == 0, "\(run.stderrText)")
                let csv = try String(contentsOfFile: file, encoding: .utf8)
                #expect(csv.contains("C03"), "\(csv.prefix(300))")
                let header = try #require(csv.split(separator: "\n").first)
                #expect(!run.stdoutText.contains(header), "the report goes to the file, not stdout")
            }
        }

        /// `--concurrency N`: never more than N requests in flight, as the emulator sees them.
        @Test(arguments: [1, 4])
        func concurrencyBoundsRequestsInFlight(_ limit: Int) async throws {
            let intervals = RequestIntervals()
            let options = EmulatorOptions.configured { $0.onRequest = { intervals.record($0) } }
            try await withEmulator(options: options) { fixture in
                fixture.emulator.setFaults([
                    Fault(pathPrefix: "/api", kind: .latency(milliseconds: 150), times: .max)
                ])
                let run = try await CLISession(fixture).collect([
                    "--controls", "C01,C05,C06", "--concurrency", String(limit),
                ])
                #expect(run.status <= 1, "\(run.stderrText)")
            }
            let peak = intervals.peakOverlap()
            #expect(peak <= limit, "\(peak) requests in flight with --concurrency \(limit)")
            if limit > 1 { #expect(peak > 1, "requests do overlap when allowed") }
        }

        /// `--timeout S` bounds each request: a list that takes longer becomes an error item naming the
        /// timeout, and the run goes on (exit 1), long before the slow answer would come.
        @Test func timeoutBoundsEachRequest() async throws {
            try await withEmulator { fixture in
                fixture.emulator.setFaults([
                    Fault(
                        pathPrefix: "/apis/networking.k8s.io/v1/networkpolicies",
                        kind: .latency(milliseconds: 8_000),
                        times: .max
                    )
                ])
                let session = CLISession(fixture)
                let started = ContinuousClock.now
                let run = try await CLIProcess.run([
                    "collect", "--kubeconfig", session.kubeconfig, "--output", session.package, "--controls", "C01",
                    "--timeout", "1", "--json",
                ])
                #expect(started.duration(to: .now) < .seconds(7), "the 8 s answer was not waited for")
                #expect(run.status == 1, "\(run.stderrText)")
                let manifest = try Self.manifest(session.package)
                let item = try #require(manifest.controls.first { $0.id == "C01" })
                #expect(item.status == .error)
                #expect(item.note?.contains("1 s") == true, "\(item.note ?? "no note")")
            }
        }

        /// `--kube-bench-job PREFIX` names the Job whose pod log is C08's evidence.
        @Test func kubeBenchJobNamesTheJobToRead() async throws {
            try await withEmulator { fixture in
                let found = CLISession(fixture)
                #expect(try await found.collect(["--controls", "C08", "--kube-bench-job", "kube-bench"]).status == 0)
                let other = CLISession(fixture)
                let run = try await other.collect(["--controls", "C08", "--kube-bench-job", "nightly-cis-scan"])
                #expect(run.status == 1, "\(run.stderrText)")
                let manifest = try Self.manifest(other.package)
                let notes = manifest.controls.filter { $0.control == "C08" }.compactMap(\.note).joined(separator: " ")
                #expect(notes.contains("nightly-cis-scan"), "\(notes)")
            }
        }

        /// Credentials Kubernetes no longer accepts are refused up front, naming the fix (exit 2, nothing
        /// written).
        @Test(arguments: [
            ("auth-provider", "{auth-provider: {name: gcp}}", "exec credential plugin"),
            ("username/password", "{username: admin, password: hunter2}", "token or client certificate"),
        ])
        func removedAuthenticationIsRefused(_ field: String, _ user: String, _ fix: String) async throws {
            let folder = TestFolder()
            let kubeconfig = try folder.write(
                "kubeconfig",
                """
                current-context: c
                clusters: [{name: k, cluster: {server: "https://127.0.0.1:1"}}]
                contexts: [{name: c, context: {cluster: k, user: u}}]
                users: [{name: u, user: \(user)}]
                """
            )
            let run = try await CLIProcess.run([
                "collect", "--kubeconfig", kubeconfig, "--output", folder.path("p.zip"),
            ])
            #expect(run.status == 2, "\(run.stderrText)")
            #expect(run.stderrText.contains(field) && run.stderrText.contains(fix), "\(run.stderrText)")
            #expect(!run.stderrText.contains("hunter2"), "a password is never printed")
            #expect(!FileManager.default.fileExists(atPath: folder.path("p.zip")))
        }
    }
}

/// Start and end of every request the emulator answered, to see how many were in flight at once.
final class RequestIntervals: @unchecked Sendable {
    private let lock = NSLock()
    private var intervals: [(start: ContinuousClock.Instant, end: ContinuousClock.Instant)] = []

    func record(_ request: LoggedRequest) {
        let end = ContinuousClock.now
        lock.withLock { intervals.append((end - request.duration, end)) }
    }

    /// The most requests being answered at the same moment; each interval is trimmed by 10 ms at both ends,
    /// so one request ending as the next starts (scheduling slack) is not counted as two.
    func peakOverlap() -> Int {
        let slack = Duration.milliseconds(10)
        var events: [(ContinuousClock.Instant, Int)] = []
        for request in lock.withLock({ intervals }) where request.end - request.start > slack * 2 {
            events.append((request.start + slack, 1))
            events.append((request.end - slack, -1))
        }
        // Ends before starts at the same instant.
        events.sort { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
        var current = 0
        var peak = 0
        for (_, change) in events {
            current += change
            peak = max(peak, current)
        }
        return peak
    }
}
