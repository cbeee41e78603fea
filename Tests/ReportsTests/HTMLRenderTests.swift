import Foundation
import Reports
import TestSupport
import Testing

/// report.html opens in a real headless browser, self-contained, and readable: the test saves a
/// screenshot as an artefact (in the test folder, path printed) and checks the rendered DOM.
@Suite("reports: HTML in a real browser")
struct HTMLRenderTests {
    static let browser = Tools.find("chromium") ?? Tools.find("chromium-browser") ?? Tools.find("google-chrome")

    @Test(.enabled(if: browser != nil, "needs chromium on PATH (apt-get install chromium); .ci/run installs it"))
    func rendersInHeadlessChromium() throws {
        let html = HTMLReport.render(ReportFixture.report())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"), "no scripts")
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"), "no external resources")
        let browser = try #require(Self.browser)
        let folder = TestFolder()
        let page = try folder.write("report.html", html)
        let flags = [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--user-data-dir=\(folder.path("profile"))",
        ]
        let dom = try Tools.run(browser, flags + ["--dump-dom", "file://\(page)"])
        #expect(dom.contains("Time to evidence"))
        #expect(dom.contains("<svg"))
        #expect(dom.contains("AP-001"))
        let screenshot = folder.path("report.png")
        _ = try Tools.runCapturing(
            browser,
            flags + ["--screenshot=\(screenshot)", "--window-size=1200,1600", "file://\(page)"]
        )
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG screenshot")
        #expect(png.count > 20_000, "the page has visible content")
        let artefact = FileManager.default.temporaryDirectory.appendingPathComponent("auditpack-report-screenshot.png")
        try? FileManager.default.removeItem(at: artefact)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: screenshot), to: artefact)
        print("report.html screenshot: \(artefact.path)")
    }
}
