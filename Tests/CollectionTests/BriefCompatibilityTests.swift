import Foundation
import TestSupport
import Testing

/// The brief's own verification (step 02) and gap-analysis (step 03) snippets run unchanged against our
/// package, only the zip file name swapped.
@Suite("collect: the brief's snippets still work")
struct BriefCompatibilityTests {
    /// A Python ≥ 3.12 (step 03 nests quotes inside an f-string): on PATH, else the OSCAL validators' venv
    /// (which `.ci/run` makes with one), else a pyenv version — the places Tests/OSCAL/install-validators looks.
    static let python: String? = {
        let environment = ProcessInfo.processInfo.environment
        let pyenv = environment["PYENV_ROOT"] ?? ((environment["HOME"] ?? "") + "/.pyenv")
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: pyenv + "/versions")) ?? [])
            .filter { $0.hasPrefix("3.") }.sorted { $0.compare($1, options: .numeric) == .orderedDescending }
            .map { "\(pyenv)/versions/\($0)/bin/python3" }
        let candidates =
            ["python3.13", "python3.12", "python3"].compactMap(Tools.find) + [OSCALValidator.python].compactMap { $0 }
            + versions
        return candidates.first {
            (try? Tools.run($0, ["-c", "import sys; print(sys.version_info >= (3, 12))"]))?.hasPrefix("True") == true
        }
    }()

    static let ready = FileManager.default.fileExists(atPath: UpstreamSamples.brief.path) && python != nil

    /// The `python3 -c "…"` blocks of the brief, with the shell's double-quote escapes undone.
    static func snippets() throws -> [String] {
        let text = try String(contentsOf: UpstreamSamples.brief, encoding: .utf8)
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

    @Test(
        .enabled(
            if: ready,
            "needs the brief in ../shared/mission (beside the clone) and a Python ≥ 3.12; CI has both"
        )
    )
    func verificationAndGapSnippetsRunUnchanged() async throws {
        let python = try #require(Self.python)
        let snippets = try Self.snippets()
        #expect(snippets.count == 2, "step 02 (verify) and step 03 (gaps)")
        let package = try await CollectedPackage.collect()
        let zip = package.result.package.path
        let entries = package.manifest.controls

        let verify = try #require(snippets.first).replacingOccurrences(of: "audit-evidence-2026-03-19.zip", with: zip)
        let verified = try Tools.run(python, ["-c", verify]).split(separator: "\n")
        #expect(verified.count == entries.count)
        #expect(verified.allSatisfy { $0.hasPrefix("✓ ") }, "\(verified.filter { !$0.hasPrefix("✓ ") })")

        let gaps = try #require(snippets.last).replacingOccurrences(of: "audit-evidence-2026-03-19.zip", with: zip)
        let result = try Tools.runCapturing(python, ["-c", gaps])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID") == true)
        #expect(lines.count == entries.count + 1)
        #expect(lines.contains { $0.contains("C04c") && $0.contains("not_applicable") })
    }
}
