import AuditPackCore
import Evaluation
import Foundation
import Reports
import Testing

@testable import Workflows

/// The chain, gap and control judgements of a timeline, on hand-made runs (every kind of break).
@Suite("timeline: chain breaks, missed runs and control intervals")
struct SeriesAnalysisTests {
    static func run(_ name: String, day: Int, previous: String?, c01: Verdict = .pass) -> Timeline.Run {
        Timeline.Run(
            package: name,
            packageID: name,
            collectedAt: Timestamp.format(Self.day(day)),
            manifestSHA256: "sha-\(name)",
            previousManifestSHA256: previous.map { "sha-\($0)" },
            verdicts: ["C01": c01],
            findings: [:],
            wallMilliseconds: 1
        )
    }

    static func day(_ day: Int, hour: Int = 2) -> Date {
        Timestamp.parse(String(format: "2026-11-%02dT%02d:00:00Z", day, hour))!
    }

    @Test func everyKindOfBreakIsNamed() {
        let runs = [
            Self.run("a", day: 1, previous: "before-window"),  // the first run may link outside the window
            Self.run("b", day: 2, previous: "a"),
            Self.run("c", day: 3, previous: "a"),  // fork: b also follows a
            Self.run("d", day: 4, previous: "withheld"),  // missing link
            Self.run("e", day: 5, previous: nil),  // no link
            Self.run("f", day: 6, previous: "g"),  // out of order
            Self.run("g", day: 7, previous: "f"),
            Self.run("h", day: 8, previous: "f"),  // skips g (nobody else links to f… but g does: fork)
            Self.run("i", day: 9, previous: "h"),
            Self.run("j", day: 10, previous: "h"),  // fork
        ]
        let breaks = SeriesAnalysis.breaks(runs)
        #expect(
            breaks.map { "\($0.package):\($0.kind.rawValue)" } == [
                "c:fork", "d:missing_link", "e:no_link", "f:out_of_order", "h:fork", "j:fork",
            ]
        )
        #expect(breaks.map(\.after) == ["b", "c", "d", "e", "g", "i"])

        let skipping = [
            Self.run("a", day: 1, previous: nil), Self.run("b", day: 2, previous: nil),
            Self.run("c", day: 3, previous: "a"),
        ]
        let skipped = SeriesAnalysis.breaks(skipping)
        #expect(skipped.map { "\($0.package):\($0.kind.rawValue)" } == ["b:no_link", "c:skips"])
        #expect(skipped.last?.detail.contains("skipping 1 run(s)") == true)
        #expect(
            SeriesAnalysis.breaks([Self.run("a", day: 1, previous: nil), Self.run("b", day: 2, previous: "a")]).isEmpty
        )
    }

    @Test func gapsBeyondToleranceAreMissedRuns() {
        let every: TimeInterval = 86_400
        // 26 h is late but tolerated (1.5 × 24 h = 36 h); 48 h lacks one run; 96 h lacks three.
        let dates = [Self.day(1), Self.day(2, hour: 4), Self.day(4, hour: 4), Self.day(8, hour: 4)]
        let missed = SeriesAnalysis.missedRuns(dates, every: every, from: nil, to: nil)
        #expect(missed.map(\.missed) == [1, 3])
        #expect(
            missed.map(\.after) == [Timestamp.format(Self.day(2, hour: 4)), Timestamp.format(Self.day(4, hour: 4))]
        )
        // The window's edges count too: nothing from 1 Oct until the first run.
        let windowed = SeriesAnalysis.missedRuns(
            [Self.day(1)],
            every: every,
            from: Self.day(1).addingTimeInterval(-10 * every),
            to: Self.day(1, hour: 12)
        )
        #expect(windowed.map(\.missed) == [10])
        #expect(SeriesAnalysis.missedRuns([], every: every, from: Self.day(1), to: Self.day(5)).map(\.missed) == [4])
        #expect(SeriesAnalysis.missedRuns(dates.prefix(2).map { $0 }, every: every, from: nil, to: nil).isEmpty)
    }

    @Test func passRatioAndFailingIntervals() throws {
        let verdicts: [Verdict] = [.pass, .fail, .warn, .pass, .notAssessed, .pass, .pass, .fail]
        let runs = verdicts.enumerated().map { Self.run("r\($0)", day: $0 + 1, previous: nil, c01: $1) }
        let control = try #require(SeriesAnalysis.controls(runs).first)
        #expect(control.id == "C01")
        #expect(control.runs == 8)
        #expect(control.passRatio == 0.5)
        #expect(control.failingIntervals.map(\.runs) == [2, 1, 1])
        #expect(control.failingIntervals.map(\.verdicts) == [["fail", "warn"], ["not_assessed"], ["fail"]])
        #expect(control.failingIntervals.first?.from == Timestamp.format(Self.day(2)))
        #expect(control.failingIntervals.first?.to == Timestamp.format(Self.day(3)))
        #expect(control.failingIntervals.last?.to == Timestamp.format(Self.day(8)))
        let thirds = SeriesAnalysis.controls(Array(runs.prefix(3)))
        #expect(thirds.first?.passRatio == 0.3333)
    }
}
