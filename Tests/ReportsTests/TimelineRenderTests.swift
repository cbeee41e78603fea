import Evaluation
import Foundation
import Reports
import TestSupport
import Testing

/// The timeline page in a real headless browser: a control × run heat-map and a findings-over-time chart,
/// inline SVG, no scripts; the test checks the rendered DOM and saves a screenshot.
@Suite("timeline: HTML in a real browser")
struct TimelineRenderTests {
    static func timeline() -> Timeline {
        let controls = ["C01", "C02", "C03"]
        let plan: [[Verdict]] = [
            [.pass, .pass, .fail], [.pass, .warn, .fail], [.fail, .pass, .notAssessed], [.pass, .pass, .pass],
        ]
        let runs = plan.enumerated().map { index, verdicts in
            Timeline.Run(
                package: "audit-evidence-prod-2026-11-0\(index + 1)T020000Z.zip",
                packageID: "run-\(index)",
                collectedAt: "2026-11-0\(index + 1)T02:00:00Z",
                manifestSHA256: String(repeating: "\(index)", count: 64),
                previousManifestSHA256: index == 0 ? nil : String(repeating: "\(index - 1)", count: 64),
                verdicts: Dictionary(uniqueKeysWithValues: zip(controls, verdicts)),
                findings: ["critical": index, "high": 7 - index, "medium": 3, "low": 1],
                wallMilliseconds: 180 + index
            )
        }
        return Timeline(
            cluster: .init(
                id: "6f1c3f2a-7d4b-4e0e-9a51-0c2f3d4e5a61",
                server: "https://127.0.0.1:6443",
                context: "prod"
            ),
            window: .init(
                from: nil,
                to: nil,
                expectEvery: "24h",
                expectEverySeconds: 86_400,
                toleranceSeconds: 129_600
            ),
            runs: runs,
            chain: .init(breaks: [
                .init(
                    package: runs[2].package,
                    after: runs[1].package,
                    kind: .noLink,
                    detail: "records no previous package"
                )
            ]),
            missedRuns: [.init(after: runs[1].collectedAt, before: runs[2].collectedAt, missed: 1)],
            controls: [
                .init(
                    id: "C01",
                    passRatio: 0.75,
                    runs: 4,
                    failingIntervals: [
                        .init(from: runs[2].collectedAt, to: runs[2].collectedAt, runs: 1, verdicts: ["fail"])
                    ]
                ),
                .init(
                    id: "C02",
                    passRatio: 0.75,
                    runs: 4,
                    failingIntervals: [
                        .init(from: runs[1].collectedAt, to: runs[1].collectedAt, runs: 1, verdicts: ["warn"])
                    ]
                ),
                .init(
                    id: "C03",
                    passRatio: 0.25,
                    runs: 4,
                    failingIntervals: [
                        .init(
                            from: runs[0].collectedAt,
                            to: runs[2].collectedAt,
                            runs: 3,
                            verdicts: ["fail", "not_assessed"]
                        )
                    ]
                ),
            ]
        )
    }

    @Test func rendersHeatMapAndChartInHeadlessChromium() throws {
        let html = try Self.timeline().render(.html)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"), "no scripts")
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"), "no external resources")
        let browser = try #require(
            Tools.find("chromium") ?? Tools.find("chromium-browser") ?? Tools.find("google-chrome"),
            "chromium is needed to render the timeline (apt-get install chromium)"
        )
        let folder = TestFolder()
        let page = try folder.write("timeline.html", html)
        let flags = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--user-data-dir=\(folder.path("profile"))",
        ]
        let dom = try Tools.run(browser, flags + ["--dump-dom", "file://\(page)"])
        // 3 controls × 4 runs, coloured by verdict.
        #expect(dom.components(separatedBy: "class=\"cell ").count - 1 == 12)
        #expect(dom.components(separatedBy: "class=\"cell pass\"").count - 1 == 7)
        #expect(dom.components(separatedBy: "class=\"cell fail\"").count - 1 == 3)
        #expect(dom.contains("class=\"cell not_assessed\""))
        #expect(dom.contains("<svg class=\"findings-chart\""))
        for severity in ["critical", "high", "medium", "low"] {
            #expect(dom.contains("class=\"series \(severity)\""))
        }
        #expect(dom.contains("no_link"))
        #expect(dom.contains("1 run(s) missing between 2026-11-02T02:00:00Z and 2026-11-03T02:00:00Z"))
        let screenshot = folder.path("timeline.png")
        _ = try Tools.runCapturing(
            browser,
            flags + ["--screenshot=\(screenshot)", "--window-size=1200,1400", "file://\(page)"]
        )
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG screenshot")
        #expect(png.count > 20_000, "the page has visible content")
        let artefact = FileManager.default.temporaryDirectory.appendingPathComponent(
            "auditpack-timeline-screenshot.png"
        )
        try? FileManager.default.removeItem(at: artefact)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: screenshot), to: artefact)
        print("timeline.html screenshot: \(artefact.path)")
    }

    @Test func textAndMarkdownListTheSeries() throws {
        let timeline = Self.timeline()
        let text = try timeline.render(.text)
        #expect(text.contains("Chain: broken"))
        #expect(text.contains("C03  passed 25% of 4 run(s)"))
        #expect(text.contains("not passing 2026-11-01T02:00:00Z … 2026-11-03T02:00:00Z (3 run(s): fail, not_assessed)"))
        let markdown = try timeline.render(.markdown)
        #expect(markdown.contains("| C01 | 75% | 4 |"))
        #expect(markdown.contains("**no_link**"))
        let json = try timeline.render(.json)
        #expect(try JSONDecoder().decode(Timeline.self, from: Data(json.utf8)) == timeline)
    }
}
