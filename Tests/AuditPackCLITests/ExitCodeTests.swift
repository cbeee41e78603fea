import Foundation
import KubeEmulator
import TestSupport
import Testing

extension CLITests {
    /// Every exit code the README documents, from the real binary.
    @Suite("auditpack exit codes")
    struct ExitCodeTests {
        static let badCollectFlags: [[String]] = [
            ["--timeout", "inf"], ["--timeout", "1e300"], ["--timeout", "1e10"], ["--timeout", "nan"],
            ["--timeout", "0"], ["--timeout", "-1"], ["--concurrency", "0"],
            ["--concurrency", "100000000000000000000"],
            ["--controls", ","], ["--controls", " , ,"], ["--controls", "C99"], ["--no-such-flag"],
            ["--quiet", "--json"],
        ]

        @Test(arguments: badCollectFlags)
        func collectRefusesBadFlagsWithTwo(_ flags: [String]) async throws {
            let folder = TestFolder()
            let run = try await CLIProcess.run(
                ["collect", "--kubeconfig", try folder.unreachableKubeconfig(), "--output", folder.path("p.zip")]
                    + flags
            )
            #expect(run.status == 2, "\(flags): exit \(run.status), stderr \(run.stderrText)")
            #expect(!run.stderrText.isEmpty, "a usage error says what is wrong")
            #expect(!FileManager.default.fileExists(atPath: folder.path("p.zip")), "nothing is written")
        }

        @Test func collectUnreachableClusterIsTwo() async throws {
            let folder = TestFolder()
            let run = try await CLIProcess.run([
                "collect", "--kubeconfig", try folder.unreachableKubeconfig(), "--output", folder.path("p.zip"),
                "--timeout", "5",
            ])
            #expect(run.status == 2, "\(run.stderrText)")
            #expect(run.stderrText.contains("error:"))
        }

        @Test func collectEverythingCollectedIsZero() async throws {
            try await withEmulator { fixture in
                let run = try await CLISession(fixture).collect(["--controls", "C01"])
                #expect(run.status == 0, "\(run.stderrText)")
            }
        }

        @Test func collectWithAForbiddenItemIsOne() async throws {
            let options = EmulatorOptions.configured {
                $0.denials = [Denial(verb: "list", group: "", resource: "secrets")]
            }
            try await withEmulator(options: options) { fixture in
                let run = try await CLISession(fixture).collect(["--controls", "C06"])
                #expect(run.status == 1, "\(run.stderrText)")
            }
        }

        @Test func verifyCodes() async throws {
            try await withEmulator { fixture in
                let session = CLISession(fixture)
                let collected = try await session.collect(["--controls", "C01"])
                #expect(collected.status == 0)
                let intact = try await CLIProcess.run(["verify", session.package])
                #expect(intact.status == 0, "\(intact.stderrText)")
                // Unsigned, but a trusted key was demanded: a bad signature.
                let untrusted = try await CLIProcess.run([
                    "verify", session.package, "--trusted-fingerprint", String(repeating: "ab", count: 32),
                ])
                #expect(untrusted.status == 1, "\(untrusted.stderrText)")
                let notAPackage = try session.folder.write("not-a-package.zip", "plain text")
                let unreadable = try await CLIProcess.run(["verify", notAPackage])
                #expect(unreadable.status == 2, "\(unreadable.stderrText)")
                let usage = try await CLIProcess.run(["verify"])
                #expect(usage.status == 2)
            }
        }

        @Test func evaluateCodes() async throws {
            try await withEmulator { fixture in
                let session = CLISession(fixture)
                // C02 passes in the sample cluster; C03 fails (planted findings).
                _ = try await session.collect(["--controls", ExitCodeTests.passingControl])
                let pass = try await CLIProcess.run(["evaluate", session.package])
                #expect(pass.status == 0, "\(pass.stdoutText) \(pass.stderrText)")
                let failing = CLISession(fixture)
                _ = try await failing.collect(["--controls", "C03"])
                let fail = try await CLIProcess.run(["evaluate", failing.package])
                #expect(fail.status == 1, "\(fail.stderrText)")
                let notAPackage = try session.folder.write("not-a-package.zip", "plain text")
                let broken = try await CLIProcess.run(["evaluate", notAPackage])
                #expect(broken.status == 2, "\(broken.stderrText)")
                let usage = try await CLIProcess.run(["evaluate", session.package, "--at", "yesterday"])
                #expect(usage.status == 2)
            }
        }

        /// A control that passes on the sample cluster.
        static let passingControl = "C02"
    }
}
