import Foundation
import TestSupport

/// Reads every file of the working folders beside an output while a run goes on, on its own thread
/// (never the test's cooperative threads, which the rest of the suite needs).
final class WorkFolderWatcher: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: Data] = [:]
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    init(_ folder: TestFolder) {
        let thread = Thread { [self] in
            while !lock.withLock({ stopped }) {
                read(folder)
                Thread.sleep(forTimeInterval: 0.01)
            }
            read(folder)
            finished.signal()
        }
        thread.start()
    }

    /// Every version of every file seen, by path (the last read of each size).
    func stop() -> [String: Data] {
        lock.withLock { stopped = true }
        finished.wait()
        return lock.withLock { files }
    }

    private func read(_ folder: TestFolder) {
        for work in CLITests.WorkFolderTests.workFolders(folder) {
            for case let name as String in FileManager.default.enumerator(atPath: work.path) ?? .init() {
                let path = work.appendingPathComponent(name).path
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                let key = "\(work.lastPathComponent)/\(name) (\(data.count) bytes)"
                lock.withLock { files[key] = data }
            }
        }
    }
}
