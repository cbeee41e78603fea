import Foundation

/// A run of the binary that went wrong in the test harness (not in auditpack).
struct CLIFailure: Error, CustomStringConvertible {
    var description: String
}
