import Foundation
import KubeEmulator
import TestSupport
import Testing

extension CLITests {
    /// The working folder is private, lives beside the output, and does not outlive the run — not after
    /// SIGTERM, and not (for long) after kill -9: the next run for the same output removes it.
    @Suite("auditpack working folder")
    struct WorkFolderTests {
        static let prefix = ".auditpack-work."

        static func workFolders(_ folder: TestFolder) -> [URL] {
            ((try? FileManager.default.contentsOfDirectory(atPath: folder.url.path)) ?? [])
                .filter { $0.hasPrefix(prefix) }.map { folder.url.appendingPathComponent($0) }
        }

        static func mode(_ path: String) -> Int {
            var info = stat()
            return lstat(path, &info) == 0 ? Int(info.st_mode) & 0o777 : -1
        }

        /// Starts a collect that stalls on the Secrets list, and waits until its working folder holds files.
        static func stalledCollect(
            _ fixture: EmulatorFixture,
            _ session: CLISession
        ) async throws -> (RunningProcess, URL) {
            fixture.emulator.setFaults([Fault(pathPrefix: "/api/v1/secrets", kind: .latency(milliseconds: 8_000))])
            let run = try CLIProcess.start([
                "collect", "--kubeconfig", session.kubeconfig, "--output", session.package, "--timeout", "30",
            ])
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                if let work = workFolders(session.folder).first,
                    let files = FileManager.default.enumerator(atPath: work.path)?.allObjects as? [String],
                    files.contains(where: { $0.hasSuffix(".json") })
                {
                    return (run, work)
                }
                try await Task.sleep(for: .milliseconds(20))
            }
            run.process.terminate()
            throw CLIFailure(description: "no working folder appeared: \(run.stderrText)")
        }

        /// Every file and folder in `work` is private to the user.
        static func expectPrivate(_ work: URL) {
            #expect(mode(work.path) == 0o700, "the working folder is 0700")
            for case let name as String in FileManager.default.enumerator(atPath: work.path) ?? .init() {
                let path = work.appendingPathComponent(name).path
                #expect(mode(path) & 0o077 == 0, "\(name) is readable by others: \(String(mode(path), radix: 8))")
            }
        }

        @Test func sigtermRemovesTheWorkingFolder() async throws {
            try await withEmulator { fixture in
                let session = CLISession(fixture)
                let (run, work) = try await Self.stalledCollect(fixture, session)
                #expect(work.deletingLastPathComponent().path == session.folder.url.path, "beside the output")
                Self.expectPrivate(work)
                kill(run.process.processIdentifier, SIGTERM)
                let status = try await run.wait()
                #expect(status == 128 + SIGTERM, "\(run.stderrText)")
                #expect(Self.workFolders(session.folder).isEmpty, "nothing is left behind")
                #expect(!FileManager.default.fileExists(atPath: session.package))
            }
        }

        @Test func killNineLeavesOnlyPrivateDataThatTheNextRunRemoves() async throws {
            try await withEmulator { fixture in
                let session = CLISession(fixture)
                let (run, work) = try await Self.stalledCollect(fixture, session)
                kill(run.process.processIdentifier, SIGKILL)
                _ = try await run.wait()
                #expect(FileManager.default.fileExists(atPath: work.path))
                Self.expectPrivate(work)
                fixture.emulator.setFaults([])
                let next = try await session.collect(["--controls", "C01"])
                #expect(next.status == 0, "\(next.stderrText)")
                #expect(Self.workFolders(session.folder).isEmpty, "the stale folder of the killed run is gone")
            }
        }

        @Test func normalRunLeavesNothing() async throws {
            try await withEmulator { fixture in
                let session = CLISession(fixture)
                #expect(try await session.collect(["--controls", "C01,C06"]).status == 0)
                #expect(Self.workFolders(session.folder).isEmpty)
                let names = try FileManager.default.contentsOfDirectory(atPath: session.folder.url.path)
                #expect(!names.contains { $0.hasSuffix(".partial") })
            }
        }
    }
}
