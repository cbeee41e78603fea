import AuditPackCore
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The private folder a run works in: created 0700 beside the output (same filesystem, so the package
/// is renamed into place), removed at the end, on SIGINT/SIGTERM (`installSignalCleanup`), and — when a
/// run was killed outright (kill -9) — by the next run for the same output.
///
/// Its name records the owner's process id: `.auditpack-work.<output name>.<pid>.<random>`. A folder whose
/// process no longer exists is stale.
public final class WorkFolder: @unchecked Sendable {
    public let url: URL

    /// Creates the folder in `directory` for output `outputName`, after removing stale ones.
    public init(directory: URL, outputName: String) throws {
        Self.removeStale(directory: directory, outputName: outputName)
        let name = "\(Self.prefix(outputName))\(getpid()).\(UUID().uuidString.prefix(8).lowercased())"
        url = directory.appendingPathComponent(name)
        guard mkdir(url.path, 0o700) == 0 else {
            throw WorkflowError.workFolderUnavailable(
                path: url.path,
                reason: String(cString: strerror(errno))
            )
        }
        // mkdir applies the umask; make sure nobody else may even look inside.
        chmod(url.path, 0o700)
        Self.registry.withLock { $0.insert(url.path) }
    }

    /// Removes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
        Self.registry.withLock { _ = $0.remove(url.path) }
    }

    static func prefix(_ outputName: String) -> String {
        ".auditpack-work.\(outputName)."
    }

    /// Removes folders (and half-written packages) left by runs for the same output whose process is gone.
    static func removeStale(directory: URL, outputName: String) {
        let prefix = prefix(outputName)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(prefix) {
            let fields = name.dropFirst(prefix.count).split(separator: ".")
            guard let pid = fields.first.flatMap({ pid_t($0) }), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// Folders of runs in progress, removed by the signal handler.
    private static let registry = LockedBox<Set<String>>([])

    /// On SIGINT or SIGTERM: remove every work folder in use, then exit with 128 + the signal.
    public static func installSignalCleanup() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                for path in registry.withLock({ $0 }) { removeWhileInUse(path) }
                _exit(128 + signalNumber)
            }
            source.resume()
            Self.sources.withLock { $0.append(source) }
        }
    }

    /// Removes a folder that other threads may still be writing into: renamed first (their next file
    /// under the old path fails instead of landing in a folder being emptied), then removed; repeated in
    /// case a writer recreated the path meanwhile.
    static func removeWhileInUse(_ path: String) {
        for attempt in 0..<3 {
            let doomed = "\(path).removing-\(attempt)"
            let target = rename(path, doomed) == 0 ? doomed : path
            try? FileManager.default.removeItem(atPath: target)
            if target == doomed, FileManager.default.fileExists(atPath: doomed) {
                try? FileManager.default.removeItem(atPath: doomed)
            }
            guard FileManager.default.fileExists(atPath: path) else { return }
        }
    }

    private static let sources = LockedBox<[DispatchSourceSignal]>([])
}
