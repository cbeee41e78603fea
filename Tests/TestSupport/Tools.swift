import AuditPackCore
import Foundation

/// Finds and runs command-line tools (openssl, kubectl, python3…) without a shell.
public enum Tools {
    public static func find(_ name: String) -> String? {
        Executables.find(name)
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `tool` with `arguments`, feeding `input` to stdin; returns stdout, throws on a non-zero exit.
    @discardableResult
    public static func run(
        _ tool: String,
        _ arguments: [String],
        input: Data? = nil,
        environment: [String: String]? = nil,
        allowFailure: Bool = false
    ) throws -> String {
        let result = try runCapturing(tool, arguments, input: input, environment: environment)
        if result.status != 0 && !allowFailure {
            throw Failure(
                description: "\(tool) \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)"
            )
        }
        return result.stdout
    }

    /// Runs `tool` to the end, blocking this thread; terminates it and throws when it runs past `timeout`.
    public static func runCapturing(
        _ tool: String,
        _ arguments: [String],
        input: Data? = nil,
        environment: [String: String]? = nil,
        timeout: Duration = .seconds(120)
    ) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        let timedOut = Flag()
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout.inSeconds) { [process] in
            if process.isRunning {
                timedOut.set()
                process.terminate()
            }
        }
        if let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        let errorBox = Box()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorBox.data = stderr.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        process.waitUntilExit()
        if timedOut.isSet {
            throw Failure(description: "\(tool) \(arguments.joined(separator: " ")) did not exit in \(timeout)")
        }
        return (
            process.terminationStatus, String(decoding: output, as: UTF8.self),
            String(decoding: errorBox.data, as: UTF8.self)
        )
    }

    private final class Box: @unchecked Sendable {
        var data = Data()
    }

    private final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }
}
