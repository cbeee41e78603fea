import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A package file on disk, opened once and read with `pread`. Only regular files are accepted: a
/// directory, FIFO, socket or device is refused before anything is read, so nothing can block or spin.
public final class PackageFile: PackageBytes, @unchecked Sendable {
    public let name: String
    public let size: UInt64
    private let descriptor: Int32

    /// Largest package accepted (a 160k-object cluster packs to well under 1 GiB).
    public static let maxBytes: UInt64 = 64 << 30

    public init(path: String) throws {
        name = path
        // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then tells what was opened.
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw PackageReadError.unreadable(path: path, reason: "cannot open it (\(reason))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw PackageReadError.unreadable(path: path, reason: "cannot stat it (\(reason))")
        }
        let type = info.st_mode & S_IFMT
        guard type == S_IFREG else {
            close(fd)
            let what: String
            switch type {
            case S_IFDIR: what = "a directory"
            case S_IFIFO: what = "a FIFO (named pipe)"
            case S_IFSOCK: what = "a socket"
            case S_IFCHR, S_IFBLK: what = "a device"
            default: what = "not a regular file"
            }
            throw PackageReadError.unreadable(path: path, reason: "it is \(what); name a package file (.zip)")
        }
        // Back to blocking reads for a regular file.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        guard UInt64(info.st_size) <= Self.maxBytes else {
            close(fd)
            throw PackageReadError.unreadable(
                path: path,
                reason: "it is \(info.st_size) bytes, more than the \(Self.maxBytes >> 30) GiB a package may be"
            )
        }
        descriptor = fd
        size = UInt64(info.st_size)
    }

    deinit { close(descriptor) }

    public func read(at offset: UInt64, count: Int) throws -> [UInt8] {
        try checkBounds(offset: offset, count: count)
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + done, count - done, off_t(offset) + off_t(done))
            }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else {
                throw PackageReadError.unreadable(
                    path: name,
                    reason: got == 0
                        ? "it became shorter while being read (offset \(offset + UInt64(done)))"
                        : "a read failed at offset \(offset + UInt64(done)) (\(String(cString: strerror(errno))))"
                )
            }
            done += got
        }
        return buffer
    }
}
