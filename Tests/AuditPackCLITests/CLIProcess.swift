import Foundation

/// The built `auditpack` binary, run as a user would: arguments in, exit status and output bytes out.
final class CLIProcess: @unchecked Sendable {
    /// Beside the test bundle (`.build/<triple>/debug/`), where `swift build` puts the executable.
    static let binary: URL = {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent(".build/debug"),
        ].compactMap { $0 }
        for folder in candidates {
            let url = folder.appendingPathComponent("auditpack")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return candidates.last!.appendingPathComponent("auditpack")
    }()

    let process = Process()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private let output = Collected()
    private let errors = Collected()

    init(_ arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws {
        process.executableURL = Self.binary
        process.arguments = arguments
        // No KUBECONFIG or HOME of the machine running the tests leaks into a run.
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent"].merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        process.standardInput = FileHandle.nullDevice
        let output = output
        let errors = errors
        stdoutPipe.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
        stderrPipe.fileHandleForReading.readabilityHandler = { errors.append($0.availableData) }
        try process.run()
    }

    /// Waits for the exit (polling, so async tests never block a thread for long).
    func wait(timeout: Duration = .seconds(120)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                throw CLIFailure(description: "auditpack \(process.arguments ?? []) did not exit in \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        stdoutPipe.fileHandleForReading.readabilityHandler = nil
        stderrPipe.fileHandleForReading.readabilityHandler = nil
        output.append(stdoutPipe.fileHandleForReading.readDataToEndOfFile())
        errors.append(stderrPipe.fileHandleForReading.readDataToEndOfFile())
        return process.terminationStatus
    }

    var stdout: Data { output.data }
    var stderr: Data { errors.data }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    /// Runs `arguments` to the end.
    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> CLIResult {
        let run = try CLIProcess(arguments, environment: environment)
        let status = try await run.wait()
        return CLIResult(status: status, stdout: run.stdout, stderr: run.stderr)
    }
}
