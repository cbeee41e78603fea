import AuditPackCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a finished child process left behind.
public struct ProcessOutput: Sendable {
    /// The exit code, or 128 + the signal number when a signal ended the process.
    public var status: Int32
    public var stdout: Data
    public var stderr: Data
    /// True when the process was killed for running past its timeout.
    public var timedOut: Bool
    /// True when the process was killed for writing more than the output limit.
    public var outputLimitExceeded = false
    /// From the start to the end of the run, measured on the thread that waited for it.
    public var duration: Duration = .zero
}
