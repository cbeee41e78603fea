import Foundation

/// Problems the workflows report.
public enum WorkflowError: Error, CustomStringConvertible, Equatable {
    case packageNotIntact(path: String, reasons: [String], exitCode: Int32)
    /// The output names an existing file and `--force` was not given.
    case outputExists(path: String)
    /// The output names a file the same command reads (never replaced, even with `--force`).
    case outputIsInput(path: String, flag: String)
    case outputIsDirectory(path: String)
    case workFolderUnavailable(path: String, reason: String)

    public var description: String {
        switch self {
        case .packageNotIntact(let path, let reasons, _):
            return "\(path) does not verify (\(reasons.prefix(3).joined(separator: "; "))). "
                + "Run `auditpack verify \(path)` for details; only intact packages are evaluated."
        case .outputExists(let path):
            return "\(path) already exists. Choose another --output, or add --force to replace it."
        case .outputIsInput(let path, let flag):
            return "\(path) is the \(flag) of this command and would be destroyed. Choose another --output "
                + "(--force never replaces an input)."
        case .outputIsDirectory(let path):
            return "\(path) is a folder. Name a file with --output."
        case .workFolderUnavailable(let path, let reason):
            return "Cannot create the working folder \(path) (\(reason)). Make the output's folder writable "
                + "or choose another --output."
        }
    }

    /// The exit code a CLI should use.
    public var exitCode: Int32 {
        switch self {
        case .packageNotIntact(_, _, let code): return code
        default: return 2
        }
    }
}
