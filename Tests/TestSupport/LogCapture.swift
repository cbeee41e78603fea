import Foundation
import Logging

/// A logger whose messages a test can read back.
public final class LogCapture: @unchecked Sendable {
    public init() {}
    private let lock = NSLock()
    private var stored: [String] = []

    public var messages: [String] { lock.withLock { stored } }

    public var logger: Logger {
        var logger = Logger(label: "capture") { _ in Handler(capture: self) }
        logger.logLevel = .debug
        return logger
    }

    fileprivate func append(_ message: String) { lock.withLock { stored.append(message) } }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(
            level: Logger.Level,
            message: Logger.Message,
            metadata: Logger.Metadata?,
            source: String,
            file: String,
            function: String,
            line: UInt
        ) {
            capture.append("\(level): \(message)")
        }
    }
}
