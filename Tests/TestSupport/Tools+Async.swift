import Foundation

extension Tools {
    /// Runs `tool` to the end without blocking a cooperative thread (see ``RunningProcess``).
    public static func runAsync(
        _ tool: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        timeout: Duration = .seconds(300)
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        let run = try RunningProcess(tool, arguments, environment: environment)
        let status = try await run.wait(timeout: timeout)
        return (status, run.stdoutText, run.stderrText)
    }
}

extension Tools {
    /// The `auditpack` executable `swift build` put beside the test bundle.
    public static let auditpack = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("auditpack").path
}
