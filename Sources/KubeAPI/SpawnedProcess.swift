import AuditPackCore
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

#if os(Linux)
/// glibc's pipe2, which the Glibc module does not export (it is declared under _GNU_SOURCE).
@_silgen_name("pipe2")
private func systemPipe2(_ descriptors: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32
#endif

/// A child process started with `posix_spawn` (no shell) as the leader of a new process group, with its
/// standard output and error on pipes and its standard input on /dev/null. Used by `ProcessRunner`.
struct SpawnedProcess {
    let pid: pid_t
    private let stdoutFD: Int32
    private let stderrFD: Int32

    init(executable: String, arguments: [String], environment: [String: String]) throws {
        guard let output = Self.makePipe() else { throw POSIXError(Self.lastError) }
        guard let errors = Self.makePipe() else {
            close(output[0])
            close(output[1])
            throw POSIXError(Self.lastError)
        }
        defer {
            close(output[1])
            close(errors[1])
        }
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)

        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        // Signals this process ignores (SIGPIPE) would stay ignored in the child: reset them.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGCHLD, SIGUSR1, SIGUSR2] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(
            &attributes,
            Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        )

        let argv = ([executable] + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv + [nil], envp + [nil])
        guard result == 0 else {
            for descriptor in [output[0], errors[0]] { close(descriptor) }
            throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EIO)
        }
        self.pid = pid
        self.stdoutFD = output[0]
        self.stderrFD = errors[0]
        for descriptor in [stdoutFD, stderrFD] {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        }
    }

    /// Reads both pipes until the process has exited and they are closed, or a limit is hit; stops the
    /// process group when it must. Always returns within `timeout + killGrace` (plus a moment).
    func collect(limits: ProcessRunner.Limits) -> ProcessOutput {
        let started = ContinuousClock.now
        let deadline = started + limits.timeout
        var streams = [(descriptor: stdoutFD, data: Data()), (descriptor: stderrFD, data: Data())]
        var status: Int32?
        var exitedAt: ContinuousClock.Instant?
        var timedOut = false
        var overflow = false
        while true {
            if status == nil, let finished = reap(blocking: false) {
                status = finished
                exitedAt = .now
            }
            let reading = streams.filter { $0.descriptor >= 0 }
            if status != nil && reading.isEmpty { break }
            let now = ContinuousClock.now
            if now >= deadline {
                timedOut = status == nil
                break
            }
            if let exitedAt, now - exitedAt >= limits.linger { break }
            if streams.reduce(0, { $0 + $1.data.count }) > limits.output {
                overflow = true
                break
            }
            var polled = streams.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }
            let wait = min(.milliseconds(50), deadline - now)
            _ = poll(&polled, nfds_t(polled.count), Int32(clamping: max(1, wait.inMilliseconds)))
            for index in streams.indices where streams[index].descriptor >= 0 {
                if !Self.drain(streams[index].descriptor, into: &streams[index].data) {
                    close(streams[index].descriptor)
                    streams[index].descriptor = -1
                }
            }
        }
        for stream in streams where stream.descriptor >= 0 { close(stream.descriptor) }
        // Whatever of the group is still running (the program, or a child it left behind) is stopped.
        let final = stopGroup(leaderStatus: status, grace: limits.killGrace)
        return ProcessOutput(
            status: final,
            stdout: streams[0].data,
            stderr: streams[1].data,
            timedOut: timedOut,
            outputLimitExceeded: overflow,
            duration: ContinuousClock.now - started
        )
    }

    /// SIGTERM to the group, SIGKILL after `grace` if anything of it is left; reaps the leader.
    private func stopGroup(leaderStatus: Int32?, grace: Duration) -> Int32 {
        var status = leaderStatus
        guard kill(-pid, 0) == 0 || status == nil else { return status ?? 0 }
        kill(-pid, SIGTERM)
        let until = ContinuousClock.now + grace
        while ContinuousClock.now < until {
            if status == nil { status = reap(blocking: false) }
            if status != nil && kill(-pid, 0) != 0 { return status ?? 0 }
            usleep(20_000)
        }
        kill(-pid, SIGKILL)
        if status == nil { status = reap(blocking: true) }
        return status ?? 128 + SIGKILL
    }

    /// The leader's exit status once it has ended (exit code, or 128 + signal).
    private func reap(blocking: Bool) -> Int32? {
        var raw: Int32 = 0
        let result = waitpid(pid, &raw, blocking ? 0 : WNOHANG)
        guard result == pid else { return result < 0 && Self.lastError != .EINTR ? 128 + SIGKILL : nil }
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }

    /// Reads what is available; false at end of file (or on an error other than "try again").
    private static func drain(_ descriptor: Int32, into data: inout Data) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
                continue
            }
            if count == 0 { return false }
            let code = errno
            return code == EAGAIN || code == EWOULDBLOCK || code == EINTR
        }
    }

    private static var lastError: POSIXErrorCode {
        POSIXErrorCode(rawValue: errno) ?? .EIO
    }

    /// A pipe whose ends are closed on exec (atomically where the platform allows).
    private static func makePipe() -> [Int32]? {
        var ends: [Int32] = [-1, -1]
        #if os(Linux)
        guard systemPipe2(&ends, O_CLOEXEC) == 0 else { return nil }
        #else
        guard pipe(&ends) == 0 else { return nil }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        #endif
        return ends
    }
}
