import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The rules for a command's output file: an existing file is replaced only with `--force`, and a file
/// the same command reads (its inputs) never is — compared by device and inode, so links and symlinks to
/// an input count as the input.
public enum OutputFile {
    /// One file a command reads, and the flag that named it.
    public struct Input: Sendable {
        public var flag: String
        public var path: String

        public init(flag: String, path: String) {
            self.flag = flag
            self.path = path
        }
    }

    /// Throws unless `output` may be written.
    public static func check(_ output: URL, force: Bool, inputs: [Input]) throws {
        var target = stat()
        guard stat(output.path, &target) == 0 else { return }  // nothing there (or unreachable): fine
        if (target.st_mode & 0o170000) == 0o040000 { throw WorkflowError.outputIsDirectory(path: output.path) }
        for input in inputs {
            var source = stat()
            guard stat(input.path, &source) == 0 else { continue }
            if source.st_dev == target.st_dev && source.st_ino == target.st_ino {
                throw WorkflowError.outputIsInput(path: output.path, flag: input.flag)
            }
        }
        guard force else { throw WorkflowError.outputExists(path: output.path) }
    }
}
