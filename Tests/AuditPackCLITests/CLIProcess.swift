import Foundation
import TestSupport

/// The built `auditpack` binary, run as a user would: arguments in, exit status and output bytes out.
enum CLIProcess {
    /// Starts `auditpack` with no KUBECONFIG or HOME of the machine running the tests.
    static func start(
        _ arguments: [String],
        environment: [String: String] = [:],
        directory: URL? = nil
    ) throws -> RunningProcess {
        try RunningProcess(
            Tools.auditpack,
            arguments,
            environment: ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent"].merging(environment) { $1 },
            directory: directory
        )
    }

    /// Runs `arguments` to the end.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> CLIResult {
        let run = try start(arguments, environment: environment)
        let status = try await run.wait(timeout: .seconds(120))
        return CLIResult(status: status, stdout: run.stdout, stderr: run.stderr)
    }
}
