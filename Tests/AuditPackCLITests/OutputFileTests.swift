import Foundation
import KubeEmulator
import TestSupport
import Testing

extension CLITests {
    /// `--output` never destroys a file silently, and never (even with `--force`) one the command reads.
    @Suite("auditpack output files")
    struct OutputFileTests {
        static let original = "precious bytes"

        @Test func existingOutputNeedsForce() async throws {
            try await withEmulator { fixture in
                let session = CLISession(fixture)
                let existing = try session.folder.write("existing.zip", Self.original)
                let refused = try await session.collect(["--controls", "C01"], output: existing)
                #expect(refused.status == 2)
                #expect(refused.stderrText.contains("--force"), "the message names the fix: \(refused.stderrText)")
                #expect(try String(contentsOfFile: existing, encoding: .utf8) == Self.original)
                let forced = try await session.collect(["--controls", "C01", "--force"], output: existing)
                #expect(forced.status == 0, "\(forced.stderrText)")
                #expect(try Data(contentsOf: URL(fileURLWithPath: existing)).prefix(2) == Data("PK".utf8))
            }
        }

        @Test func inputsAreNeverOverwrittenEvenWithForce() async throws {
            try await withEmulator { fixture in
                let session = CLISession(fixture)
                let first = try await session.collect(["--controls", "C01"])
                #expect(first.status == 0)
                let packageBytes = try Data(contentsOf: URL(fileURLWithPath: session.package))
                let keygen = try await CLIProcess.run(["keygen", "--output", session.folder.url.path, "--name", "k"])
                #expect(keygen.status == 0, "\(keygen.stderrText)")
                let key = session.folder.path("k.key")
                let keyBytes = try Data(contentsOf: URL(fileURLWithPath: key))
                let trivy = try session.folder.write("trivy.json", #"{"Results":[]}"#)
                let cases: [(flags: [String], output: String, name: String)] = [
                    (["--previous", session.package], session.package, "--previous"),
                    (["--signing-key", key], key, "--signing-key"),
                    ([], session.kubeconfig, "kubeconfig"),
                    (["--trivy-report", trivy], trivy, "--trivy-report"),
                ]
                for (flags, output, name) in cases {
                    let before = try Data(contentsOf: URL(fileURLWithPath: output))
                    let run = try await session.collect(["--controls", "C01", "--force"] + flags, output: output)
                    #expect(run.status == 2, "\(name): \(run.stderrText)")
                    #expect(run.stderrText.contains(name), "the message names the input: \(run.stderrText)")
                    #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == before, "\(name) is intact")
                }
                #expect(try Data(contentsOf: URL(fileURLWithPath: session.package)) == packageBytes)
                #expect(try Data(contentsOf: URL(fileURLWithPath: key)) == keyBytes)
            }
        }

        @Test func reportNeverReplacesItsPackage() async throws {
            try await withEmulator { fixture in
                let session = CLISession(fixture)
                #expect(try await session.collect(["--controls", "C01"]).status == 0)
                let before = try Data(contentsOf: URL(fileURLWithPath: session.package))
                let run = try await CLIProcess.run([
                    "report", session.package, "--format", "html", "--output", session.package, "--force",
                ])
                #expect(run.status == 2, "\(run.stderrText)")
                #expect(try Data(contentsOf: URL(fileURLWithPath: session.package)) == before)
                let existing = try session.folder.write("report.html", Self.original)
                let refused = try await CLIProcess.run(["report", session.package, "--output", existing])
                #expect(refused.status == 2)
                #expect(try String(contentsOfFile: existing, encoding: .utf8) == Self.original)
                let forced = try await CLIProcess.run(["report", session.package, "--output", existing, "--force"])
                #expect(forced.status == 0, "\(forced.stderrText)")
            }
        }

        @Test func outputInAMissingFolderIsANamedError() async throws {
            try await withEmulator { fixture in
                let session = CLISession(fixture)
                let output = session.folder.path("no-such-folder/p.zip")
                let run = try await session.collect(["--controls", "C01"], output: output)
                #expect(run.status == 2)
                #expect(run.stderrText.contains("no-such-folder"), "the folder is named: \(run.stderrText)")
            }
        }

        /// A Kubernetes Secret volume mounts the key as a symlink (mode 0777) to a file of the volume's mode.
        @Test func symlinkedKeyIsJudgedByItsTarget() async throws {
            try await withEmulator { fixture in
                let session = CLISession(fixture)
                let keygen = try await CLIProcess.run(["keygen", "--output", session.folder.url.path, "--name", "k"])
                #expect(keygen.status == 0)
                let data = session.folder.url.appendingPathComponent("..data")
                try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
                try FileManager.default.moveItem(
                    atPath: session.folder.path("k.key"),
                    toPath: data.appendingPathComponent("k.key").path
                )
                let link = session.folder.path("mounted.key")
                try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "..data/k.key")
                let signed = try await session.collect(["--controls", "C01", "--signing-key", link])
                #expect(signed.status == 0, "a 0600 target is accepted: \(signed.stderrText)")
                chmod(data.appendingPathComponent("k.key").path, 0o644)
                let open = try await session.collect(["--controls", "C01", "--signing-key", link, "--force"])
                #expect(open.status == 2)
                #expect(open.stderrText.contains("644"), "the target's mode is named: \(open.stderrText)")
            }
        }
    }
}
