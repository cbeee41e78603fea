import AuditPackCore
import Evaluation
import Foundation
import KubeEmulator
import Packaging
import Reports
import TestSupport
import Testing
import Workflows

/// `auditpack timeline` over a real chained series collected from the emulated cluster.
@Suite("timeline: a chained series with a missed day and a broken link")
struct TimelineTests {
    /// What the test knows about a package without asking AuditPack's series code: its manifest's hash and
    /// the findings it carries.
    static func facts(_ url: URL) throws -> (sha: String, manifest: Manifest, findings: FindingsDocument) {
        let reader = try PackageReader(url: url)
        let data = try reader.data("manifest.json")
        let findings = try JSONDecoder().decode(FindingsDocument.self, from: try reader.data("findings.json"))
        return (Hashing.sha256Hex(data), try Manifest.decode(data), findings)
    }

    /// Five daily runs (1, 2, 4, 5, 6 November; the 3rd is missed). Audit logging is switched off on the
    /// 4th and back on for the 6th; the run of the 5th is collected without --previous (the broken link).
    static func collectSeries(_ series: ClusterSeries) async throws -> [URL] {
        let day1 = try await series.collect(at: ClusterSeries.day(1))
        let day2 = try await series.collect(at: ClusterSeries.day(2), previous: day1)
        let sample = series.fixture.emulator.store
        try series.change { try $0.withoutAuditLogging() }
        let day4 = try await series.collect(at: ClusterSeries.day(4), previous: day2)
        let day5 = try await series.collect(at: ClusterSeries.day(5))
        series.change { _ in sample }
        let day6 = try await series.collect(at: ClusterSeries.day(6), previous: day5)
        return [day1, day2, day4, day5, day6]
    }

    @Test func givesTheExpectedTimelineJSON() async throws {
        try await withEmulator { fixture in
            let series = try ClusterSeries(fixture)
            let packages = try await Self.collectSeries(series)
            // Any order in: collection order out.
            let timeline = try TimelineWorkflow.run(TimelineWorkflow.Request(packages: packages.reversed()))
            let json = try timeline.render(.json)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])

            let facts = try packages.map(Self.facts)
            let times = [1, 2, 4, 5, 6].map { Timestamp.format(ClusterSeries.day($0)) }
            let runs = try #require(document["runs"] as? [[String: Any]])
            #expect(runs.map { $0["package"] as? String } == packages.map(\.lastPathComponent))
            #expect(runs.map { $0["collected_at"] as? String } == times)
            #expect(runs.map { $0["manifest_sha256"] as? String } == facts.map(\.sha))
            #expect(runs.map { $0["wall_ms"] as? Int } == facts.map(\.manifest.run.wallMilliseconds))
            for (run, fact) in zip(runs, facts) {
                let verdicts = run["verdicts"] as? [String: String]
                #expect(
                    verdicts
                        == Dictionary(uniqueKeysWithValues: fact.findings.controls.map { ($0.id, $0.verdict.rawValue) })
                )
                let counts = run["findings"] as? [String: Int]
                let all = fact.findings.controls.flatMap(\.findings)
                #expect(
                    counts
                        == Dictionary(
                            uniqueKeysWithValues: Severity.allCases.map { severity in
                                (severity.rawValue, all.filter { $0.severity == severity }.count)
                            }
                        )
                )
            }
            #expect(
                runs.map { ($0["verdicts"] as? [String: String])?["C07"] } == ["pass", "pass", "fail", "fail", "pass"]
            )

            let cluster = try #require(document["cluster"] as? [String: Any])
            #expect(cluster["id"] as? String == ClusterStore.sampleClusterIDForTests)

            let chain = try #require(document["chain"] as? [String: Any])
            #expect(chain["intact"] as? Bool == false)
            let breaks = try #require(chain["breaks"] as? [[String: Any]])
            #expect(breaks.count == 1)
            #expect(breaks.first?["package"] as? String == packages[3].lastPathComponent)
            #expect(breaks.first?["after"] as? String == packages[2].lastPathComponent)
            #expect(breaks.first?["kind"] as? String == "no_link")

            let missed = try #require(document["missed_runs"] as? [[String: Any]])
            #expect(missed.count == 1)
            #expect(missed.first?["after"] as? String == times[1])
            #expect(missed.first?["before"] as? String == times[2])
            #expect(missed.first?["missed"] as? Int == 1)

            let controls = try #require(document["controls"] as? [[String: Any]])
            let byID = Dictionary(uniqueKeysWithValues: controls.map { ($0["id"] as? String ?? "", $0) })
            #expect(controls.map { $0["id"] as? String } == facts[0].findings.controls.map(\.id))
            let auditLogging = try #require(byID["C07"])
            #expect(auditLogging["pass_ratio"] as? Double == 0.6)
            #expect(auditLogging["runs"] as? Int == 5)
            let intervals = try #require(auditLogging["failing_intervals"] as? [[String: Any]])
            #expect(intervals.count == 1)
            #expect(intervals.first?["from"] as? String == times[2])
            #expect(intervals.first?["to"] as? String == times[3])
            #expect(intervals.first?["runs"] as? Int == 2)
            #expect(intervals.first?["verdicts"] as? [String] == ["fail"])
            // Every other control kept its verdict all period: all runs pass, or one interval spans them.
            for result in facts[0].findings.controls where result.id != "C07" {
                let control = try #require(byID[result.id])
                let spans = control["failing_intervals"] as? [[String: Any]] ?? []
                if result.verdict == .pass {
                    #expect(control["pass_ratio"] as? Double == 1.0 && spans.isEmpty, "\(result.id)")
                } else {
                    #expect(control["pass_ratio"] as? Double == 0.0, "\(result.id)")
                    #expect(spans.map { $0["from"] as? String } == [times[0]], "\(result.id)")
                    #expect(spans.map { $0["to"] as? String } == [times[4]], "\(result.id)")
                }
            }
            #expect(timeline.hasGaps)
            let window = try #require(document["window"] as? [String: Any])
            #expect(window["expect_every"] as? String == "24h")
        }
    }
}
