import Foundation

extension Tools {
    /// Runs `tool` and waits by polling, so a test that also serves the tool (an in-process emulator) never
    /// blocks one of the few cooperative threads the server's handlers need. Output is collected as it comes.
    public static func runAsync(
        _ tool: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        timeout: Duration = .seconds(300)
    ) async throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let output = Buffer()
        let errors = Buffer()
        stdout.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
        stderr.fileHandleForReading.readabilityHandler = { errors.append($0.availableData) }
        try process.run()
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                process.terminate()
                throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) did not exit in \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        stdout.fileHandleForReading.readabilityHandler = nil
        stderr.fileHandleForReading.readabilityHandler = nil
        output.append(stdout.fileHandleForReading.readDataToEndOfFile())
        errors.append(stderr.fileHandleForReading.readDataToEndOfFile())
        return (
            process.terminationStatus, String(decoding: output.data, as: UTF8.self),
            String(decoding: errors.data, as: UTF8.self)
        )
    }

    final class Buffer: @unchecked Sendable {
        private let lock = NSLock()
        private var bytes = Data()

        func append(_ data: Data) { lock.withLock { bytes.append(data) } }

        var data: Data { lock.withLock { bytes } }
    }
}

extension Tools {
    /// The `auditpack` executable `swift build` put beside the test bundle.
    public static let auditpack = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("auditpack").path
}
