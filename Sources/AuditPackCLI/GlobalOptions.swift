import ArgumentParser
import Foundation
import Logging

/// Flags every command takes.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Log every API request (method, path, status, pages, ms, retries) to stderr.")
    var verbose = false

    /// A logger writing to stderr: debug with --verbose, warnings otherwise. Standard output stays clean.
    func makeLogger(label: String = "auditpack") -> Logger {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }
}
