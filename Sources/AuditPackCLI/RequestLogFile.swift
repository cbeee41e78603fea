import Foundation
import KubeEmulator

/// Appends the emulator's requests to a file, one line each, as they complete.
final class RequestLogFile: @unchecked Sendable {
    private let lock = NSLock()
    private let handle: FileHandle

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    func append(_ request: LoggedRequest) {
        let milliseconds = request.duration.inMilliseconds
        let query = request.query.map { "?\($0)" } ?? ""
        let line = "\(request.method) \(request.path)\(query) \(request.status) \(milliseconds)ms\n"
        lock.withLock { handle.write(Data(line.utf8)) }
    }
}
