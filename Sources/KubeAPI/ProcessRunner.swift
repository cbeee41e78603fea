import AuditPackCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program directly (never through a shell) and collects its output, within a time limit.
///
/// The program runs in a process group of its own. At the deadline the whole group gets SIGTERM, then
/// SIGKILL after `killGrace`, and reading stops: a child that keeps the output pipe open cannot make the
/// caller wait. Once the program itself has exited, output still arriving within `lingerAfterExit` is read;
/// whatever of its group is still running then (a background child holding the pipe) is stopped the same way.
public enum ProcessRunner {
    /// Runs `executable`; after `timeout` the process group is stopped and `timedOut` is set.
    public static func run(
        executable: String,
        arguments: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        timeout: Duration = .seconds(120),
        killGrace: Duration = .seconds(2),
        lingerAfterExit: Duration = .milliseconds(500),
        outputLimit: Int = 64 * 1024 * 1024
    ) async throws -> ProcessOutput {
        let limits = Limits(timeout: timeout, killGrace: killGrace, linger: lingerAfterExit, output: outputLimit)
        // A thread of its own: the wait blocks, and Dispatch's global pool (about one thread per core) may be
        // busy with other blocking work, which would delay the deadline itself.
        return try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                do {
                    let child = try SpawnedProcess(
                        executable: executable,
                        arguments: arguments,
                        environment: environment
                    )
                    continuation.resume(returning: child.collect(limits: limits))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
            thread.name = "auditpack-process"
            thread.start()
        }
    }

    struct Limits {
        var timeout: Duration
        var killGrace: Duration
        var linger: Duration
        var output: Int
    }
}
