import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Keeps the input being tried where a signal handler can reach it, and on a crash (trap, segfault,
/// abort) or a hang (an input that takes over 10 s) writes it to `<dir>/crash-<pid>.bin` before dying.
enum CrashCapture {
    nonisolated(unsafe) static var buffer: UnsafeMutableRawPointer?
    nonisolated(unsafe) static var length = 0
    nonisolated(unsafe) static var path: UnsafeMutablePointer<CChar>?
    nonisolated(unsafe) static var started = 0.0
    static let lock = NSLock()

    static func install(directory: String) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = strdup("\(directory)/crash-\(getpid()).bin")
        for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            Glibc.signal(signal) { number in
                CrashCapture.dump()
                Glibc.signal(number, SIG_DFL)
                raise(number)
            }
        }
        Thread.detachNewThread {
            while true {
                sleep(1)
                let since = lock.withLock { started }
                if since > 0, Date().timeIntervalSince1970 - since > 10 {
                    FileHandle.standardError.write(Data("hang: one input took over 10 s\n".utf8))
                    dump()
                    abort()
                }
            }
        }
    }

    /// The input about to be tried (nil: none).
    static func current(_ input: Data?) {
        lock.withLock {
            free(buffer)
            buffer = nil
            length = 0
            started = 0
            guard let input else { return }
            buffer = malloc(max(input.count, 1))
            input.copyBytes(to: buffer!.assumingMemoryBound(to: UInt8.self), count: input.count)
            length = input.count
            started = Date().timeIntervalSince1970
        }
    }

    /// Async-signal-safe: open, write, close.
    static func dump() {
        guard let path, let buffer else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return }
        _ = write(fd, buffer, length)
        close(fd)
        let note = "crash input written to the crash folder\n"
        _ = write(2, note, note.utf8.count)
    }
}
