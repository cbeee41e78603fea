import Foundation
import TestSupport
import Testing

/// The brief's own verification (step 02) and gap-analysis (step 03) snippets run unchanged against our
/// package, only the zip file name swapped.
@Suite("collect: the brief's snippets still work")
struct BriefCompatibilityTests {
    static var missionFile: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/mission/000_4ed5eca9167d0453.txt")
    }

    /// The `python3 -c "…"` blocks of the brief, with the shell's double-quote escapes undone.
    static func snippets() throws -> [String] {
        let text = try String(contentsOf: missionFile, encoding: .utf8)
        var blocks: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "python3 -c \"\n") {
            let body = rest[start.upperBound...]
            guard let end = body.range(of: "\n\"\n") else { break }
            let code = String(body[..<end.lowerBound])
                .replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
            blocks.append(code)
            rest = body[end.upperBound...]
        }
        return blocks
    }

    @Test func verificationAndGapSnippetsRunUnchanged() async throws {
        guard FileManager.default.fileExists(atPath: Self.missionFile.path) else {
            print("SKIPPED: the brief is not at \(Self.missionFile.path)")
            return
        }
        guard let python = Tools.find("python3") else {
            print("SKIPPED: python3 not on PATH")
            return
        }
        let snippets = try Self.snippets()
        #expect(snippets.count == 2, "step 02 (verify) and step 03 (gaps)")
        let package = try await CollectedPackage.collect()
        let zip = package.result.package.path
        let entries = package.manifest.controls

        let verify = try #require(snippets.first).replacingOccurrences(of: "audit-evidence-2026-03-19.zip", with: zip)
        let verified = try Tools.run(python, ["-c", verify]).split(separator: "\n")
        #expect(verified.count == entries.count)
        #expect(verified.allSatisfy { $0.hasPrefix("✓ ") }, "\(verified.filter { !$0.hasPrefix("✓ ") })")

        // Step 03 nests quotes inside an f-string: Python 3.12 or newer.
        var environment = ProcessInfo.processInfo.environment
        let version = try Tools.run(python, ["-c", "import sys; print(sys.version_info >= (3, 12))"])
        if !version.hasPrefix("True") { environment["PYENV_VERSION"] = "3.12.1" }
        let gaps = try #require(snippets.last).replacingOccurrences(of: "audit-evidence-2026-03-19.zip", with: zip)
        let result = try Tools.runCapturing(python, ["-c", gaps], environment: environment)
        guard result.status == 0 || !result.stderr.contains("SyntaxError") else {
            print("SKIPPED: no Python ≥ 3.12 for the brief's step 03 (\(result.stderr.prefix(120)))")
            return
        }
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID") == true)
        #expect(lines.count == entries.count + 1)
        #expect(lines.contains { $0.contains("C04c") && $0.contains("not_applicable") })
    }
}
