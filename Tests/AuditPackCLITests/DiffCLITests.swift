import Foundation
import KubeEmulator
import TestSupport
import Testing

/// `auditpack diff` as a user runs it: exit codes per --fail-on, refused packages, output files.
@Suite("diff: exit codes and output files")
struct DiffCLITests {
    @Test func diffExitCodesFollowFailOn() async throws {
        try await withEmulator { fixture in
            let session = CLISession(fixture)
            let old = session.folder.path("old.zip")
            let same = session.folder.path("same.zip")
            let changed = session.folder.path("changed.zip")
            let regressed = session.folder.path("regressed.zip")
            #expect(try await session.collect([], output: old).status == 0)
            #expect(try await session.collect(["--previous", old], output: same).status == 0)
            let sample = fixture.emulator.store
            fixture.emulator.replaceStore(try sample.withScenarioChanges())
            #expect(try await session.collect(["--previous", old], output: changed).status == 0)
            fixture.emulator.replaceStore(try sample.withoutAuditLogging())
            #expect(try await session.collect([], output: regressed).status == 0)

            func diff(_ old: String, _ new: String, _ flags: [String] = []) async throws -> Int32 {
                let result = try await CLIProcess.run(["diff", old, new] + flags)
                return result.status
            }
            // Nothing changed: 0 whatever the condition.
            for condition in ["new-findings", "verdict-regression", "any-change"] {
                #expect(try await diff(old, same, ["--fail-on", condition]) == 0, "\(condition)")
            }
            // New findings (the cluster-admin binding, the privileged namespace).
            #expect(try await diff(old, changed) == 1)
            #expect(try await diff(old, changed, ["--fail-on", "any-change"]) == 1)
            // Audit logging switched off: C07 pass → fail.
            #expect(try await diff(old, regressed, ["--fail-on", "verdict-regression"]) == 1)
            // Read backwards: findings resolved and a verdict improved, nothing new or worse — but a change.
            #expect(try await diff(regressed, old) == 0)
            #expect(try await diff(regressed, old, ["--fail-on", "verdict-regression"]) == 0)
            #expect(try await diff(regressed, old, ["--fail-on", "any-change"]) == 1)

            let report = try await CLIProcess.run(["diff", old, changed, "--format", "json"])
            let document = try JSONSerialization.jsonObject(with: report.stdout) as? [String: Any]
            #expect((document?["evidence"] as? [[String: Any]])?.isEmpty == false)
            #expect(report.stderrText.contains("origin was not checked"))

            // A package that does not verify, or not a package at all: 2.
            var bytes = try Data(contentsOf: URL(fileURLWithPath: changed))
            bytes[bytes.count / 3] ^= 0x5A
            let damaged = session.folder.path("damaged.zip")
            try bytes.write(to: URL(fileURLWithPath: damaged))
            let refused = try await CLIProcess.run(["diff", old, damaged])
            #expect(refused.status == 2)
            #expect(refused.stderrText.contains(damaged))
            let text = try session.folder.write("notes.zip", "not a package")
            #expect(try await diff(old, text) == 2)
            // Unsigned packages, but a trusted key is required.
            #expect(try await diff(old, same, ["--trusted-fingerprint", String(repeating: "ab", count: 32)]) == 2)
            #expect(try await diff(old, same, ["--fail-on", "everything"]) == 2)
        }
    }

    @Test func diffOutputFileRules() async throws {
        try await withEmulator { fixture in
            let session = CLISession(fixture)
            let old = session.folder.path("old.zip")
            let new = session.folder.path("new.zip")
            #expect(try await session.collect(["--controls", "C01"], output: old).status == 0)
            fixture.emulator.replaceStore(try fixture.emulator.store.withScenarioChanges())
            #expect(try await session.collect(["--controls", "C01"], output: new).status == 0)
            let page = session.folder.path("diff.html")
            let written = try await CLIProcess.run(["diff", old, new, "--format", "html", "--output", page])
            #expect(written.status == 0, "\(written.stderrText)")
            let html = try String(contentsOfFile: page, encoding: .utf8)
            #expect(html.contains("NetworkPolicy payments/allow-api-to-db") && !html.contains("<script"))
            #expect(written.stdoutText.contains("Diff written to \(page)"))
            // Exists: refused without --force, and the file is left alone.
            try Data("keep".utf8).write(to: URL(fileURLWithPath: page))
            let exists = try await CLIProcess.run(["diff", old, new, "--output", page])
            #expect(exists.status == 2 && exists.stderrText.contains("--force"))
            #expect(try String(contentsOfFile: page, encoding: .utf8) == "keep")
            #expect(try await CLIProcess.run(["diff", old, new, "--output", page, "--force"]).status == 0)
            // Never an input, even with --force.
            let input = try await CLIProcess.run(["diff", old, new, "--output", old, "--force"])
            #expect(input.status == 2)
            #expect(try Data(contentsOf: URL(fileURLWithPath: old)).starts(with: [0x50, 0x4B]))
        }
    }
}
