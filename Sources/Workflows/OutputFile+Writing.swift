import Foundation

extension OutputFile {
    /// Writes `data` to `url` atomically and only if nothing is there yet: the bytes go to a temporary file
    /// in the same folder, which is then hard-linked into place (link(2) refuses an existing name), so a
    /// reader never sees half a file and an existing file is never replaced.
    public static func write(_ data: Data, to url: URL, permissions: Int = 0o644) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            ".\(url.lastPathComponent).\(UUID().uuidString.prefix(8)).partial"
        )
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            try data.write(to: temporary, options: .withoutOverwriting)
        } catch {
            throw OutputFileError.unwritable(path: url.path, reason: "\(error)")
        }
        chmod(temporary.path, mode_t(permissions))
        guard link(temporary.path, url.path) == 0 else {
            let reason = errno == EEXIST ? "it already exists" : String(cString: strerror(errno))
            throw OutputFileError.unwritable(path: url.path, reason: reason)
        }
    }
}

/// A result file that could not be written.
public enum OutputFileError: Error, CustomStringConvertible, Equatable {
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .unwritable(let path, let reason):
            return "Cannot write \(path): \(reason). Choose another folder, or move the existing file away."
        }
    }
}
