import Foundation

/// A started program (no shell): output is collected as it comes, and the wait polls, so a test that also serves
/// the program (an in-process emulator) never blocks one of the few cooperative threads the server needs.
/// The process is public for tests that signal it mid-run.
public final class RunningProcess: @unchecked Sendable {
    public let process = Process()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private let output = Collected()
    private let errors = Collected()

    public init(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        directory: URL? = nil
    ) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
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

    /// Waits for the exit; terminates the process and throws when it runs past `timeout`.
    public func wait(timeout: Duration = .seconds(300)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                let command = ([process.executableURL?.lastPathComponent ?? "?"] + (process.arguments ?? []))
                throw Tools.Failure(description: "\(command.joined(separator: " ")) did not exit in \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        stdoutPipe.fileHandleForReading.readabilityHandler = nil
        stderrPipe.fileHandleForReading.readabilityHandler = nil
        output.append(stdoutPipe.fileHandleForReading.readDataToEndOfFile())
        errors.append(stderrPipe.fileHandleForReading.readDataToEndOfFile())
        return process.terminationStatus
    }

    public var stdout: Data { output.data }
    public var stderr: Data { errors.data }
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Bytes appended from a pipe's handler thread.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = Data()

    func append(_ data: Data) { lock.withLock { bytes.append(data) } }
    var data: Data { lock.withLock { bytes } }
}
