import Foundation

/// A fresh temporary folder per test. Folders are removed when the test process exits (not when the
/// value is released), so a file outlives every expression that still refers to it by path.
public final class TestFolder: @unchecked Sendable {
    public let url: URL

    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("auditpack-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        Cleanup.register(url)
    }

    public func path(_ relative: String) -> String {
        url.appendingPathComponent(relative).path
    }

    /// Writes `text` at `relative` (creating folders) and returns the absolute path.
    @discardableResult
    public func write(_ relative: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }
}

/// Removes every registered folder when the process exits.
private enum Cleanup {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var folders: [URL] = []
    nonisolated(unsafe) private static var installed = false

    static func register(_ url: URL) {
        lock.withLock {
            folders.append(url)
            if !installed {
                installed = true
                atexit { Cleanup.removeAll() }
            }
        }
    }

    static func removeAll() {
        let all = lock.withLock { folders }
        for url in all { try? FileManager.default.removeItem(at: url) }
    }
}

extension TestFolder {
    /// A kubeconfig whose server nothing listens on (127.0.0.1:1), with a token user; returns its path.
    public func unreachableKubeconfig() throws -> String {
        try write(
            "unreachable-kubeconfig",
            """
            current-context: c
            clusters: [{name: k, cluster: {server: "https://127.0.0.1:1"}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            users: [{name: u, user: {token: t}}]
            """
        )
    }
}
