import AuditPackCore
import Foundation
import KubeAPI
import KubeEmulator
import Packaging
import TestSupport
import Testing
import Workflows

@Suite("in-cluster: a CronJob's view — service account folder, rotating token, mounted signing key")
struct InClusterTests {
    static let account = "system:serviceaccount:auditpack:auditpack"

    /// Rotates the service-account token after `after` requests: writes the new token the way the kubelet
    /// does (atomically) and revokes the old one at once, so any request still sent with it gets 401.
    final class Rotation: @unchecked Sendable {
        private let lock = NSLock()
        private var requests = 0
        private(set) var rotatedAtRequest: Int?
        var emulator: KubeEmulator?
        let tokenFile: URL
        let after: Int

        init(tokenFile: URL, after: Int) {
            self.tokenFile = tokenFile
            self.after = after
        }

        func observe(_ request: LoggedRequest) {
            lock.withLock {
                requests += 1
                guard requests == after, let emulator else { return }
                try? Data("token-2".utf8).write(to: tokenFile, options: .atomic)
                emulator.revokeToken("token-1")
                rotatedAtRequest = requests
            }
        }
    }

    @Test func collectsSignedWithTheServiceAccountWhileItsTokenRotates() async throws {
        let folder = TestFolder()
        let serviceAccount = folder.url.appendingPathComponent("serviceaccount")
        try FileManager.default.createDirectory(at: serviceAccount, withIntermediateDirectories: true)
        let tokenFile = serviceAccount.appendingPathComponent("token")
        try Data("token-1".utf8).write(to: tokenFile)
        try Data("auditpack".utf8).write(to: serviceAccount.appendingPathComponent("namespace"))
        let rotation = Rotation(tokenFile: tokenFile, after: 20)
        let options = EmulatorOptions.configured {
            $0.tokens = ["token-1": UserInfo(username: Self.account), "token-2": UserInfo(username: Self.account)]
            $0.onRequest = { rotation.observe($0) }
        }
        // The signing key mounted the way a Secret volume mounts it: `auditpack.key -> ..data/auditpack.key`.
        let keyFolder = folder.url.appendingPathComponent("keys")
        let dataFolder = keyFolder.appendingPathComponent("..2026_12_06_00_00_00.000000001")
        try FileManager.default.createDirectory(at: dataFolder, withIntermediateDirectories: true)
        let generated = try KeygenWorkflow.run(folder: dataFolder, name: "auditpack")
        try FileManager.default.createSymbolicLink(
            atPath: keyFolder.appendingPathComponent("..data").path,
            withDestinationPath: dataFolder.lastPathComponent
        )
        for file in ["auditpack.key", "auditpack.pub.pem"] {
            try FileManager.default.createSymbolicLink(
                atPath: keyFolder.appendingPathComponent(file).path,
                withDestinationPath: "..data/\(file)"
            )
        }
        let keys = (
            privateKey: keyFolder.appendingPathComponent("auditpack.key"),
            publicKey: keyFolder.appendingPathComponent("auditpack.pub.pem"), fingerprint: generated.fingerprint
        )
        #expect(
            try FileManager.default.destinationOfSymbolicLink(atPath: keys.privateKey.path) == "..data/auditpack.key"
        )
        try await withEmulator(options: options) { fixture in
            rotation.emulator = fixture.emulator
            try Data(fixture.emulator.caCertificatePEM.utf8).write(to: serviceAccount.appendingPathComponent("ca.crt"))
            let url = try #require(URL(string: fixture.emulator.baseURL))
            var request = CollectWorkflow.Request(
                directory: folder.url,
                clientOptions: EmulatorFixture.fastOptions(),
                environment: [
                    "HOME": folder.path("home"), "KUBERNETES_SERVICE_HOST": try #require(url.host),
                    "KUBERNETES_SERVICE_PORT": String(try #require(url.port)),
                ]
            )
            request.serviceAccountDirectory = serviceAccount.path
            request.signingKey = try SigningKey.load(path: keys.privateKey.path)
            let result = try await CollectWorkflow.run(request, logger: EmulatorFixture.quietLogger)

            let log = fixture.emulator.requestLog
            let rotatedAt = try #require(rotation.rotatedAtRequest, "the token rotated during the run")
            #expect(log.count > rotatedAt + 10, "the run went on well after the rotation")
            #expect(log.allSatisfy { $0.user == nil || $0.user == Self.account })
            // Requests still in flight with the revoked token were answered 401 and sent again with the new one.
            #expect(log.dropFirst(rotatedAt).filter { $0.status == 200 || $0.status == 201 }.count > 10)
            #expect(result.manifest.cluster.context == "in-cluster")
            #expect(result.manifest.collector.username == Self.account)
            #expect(
                result.manifest.controls.filter { $0.status != .ok }.map(\.id) == ["C04c"],
                "\(result.manifest.controls.filter { $0.status != .ok }.map { "\($0.id): \($0.note ?? "")" })"
            )
            #expect(result.manifest.preflight?.gaps == [])

            let report = PackageVerifier.verify(
                package: result.package,
                trust: .publicKey(try SigningKey.loadPublicKey(path: keys.publicKey.path))
            )
            #expect(report.verdict == .intact)
            // The old token is really gone: the run could only finish by reading the new one.
            let stale = try fixture.client(kubeconfig: fixture.emulator.kubeconfigYAML(user: .token("token-1")))
            await #expect(throws: KubeAPIError.self) { try await stale.whoAmI() }
            await stale.shutdown()
        }
    }

    /// A request sent with a token that expires in flight is answered 401; the client reads the token file
    /// again (the kubelet has written the new one meanwhile) and sends it once more.
    @Test func requestMeetingAnExpiredTokenIsSentAgainWithTheNewOne() async throws {
        let folder = TestFolder()
        let tokenFile = try folder.write("sa/token", "token-1")
        try folder.write("sa/namespace", "auditpack")
        let options = EmulatorOptions.configured {
            $0.tokens = ["token-1": UserInfo(username: "old"), "token-2": UserInfo(username: Self.account)]
            // The kubelet's rotation lands just as the old token is refused.
            $0.onRequest = { request in
                if request.status == 401 { try? Data("token-2".utf8).write(to: URL(fileURLWithPath: tokenFile)) }
            }
        }
        try await withEmulator(options: options) { fixture in
            fixture.emulator.revokeToken("token-1")
            try folder.write("sa/ca.crt", fixture.emulator.caCertificatePEM)
            let client = try fixture.inClusterClient(serviceAccount: folder.path("sa"), home: folder.path("home"))
            let identity = try await client.whoAmI()
            await client.shutdown()
            #expect(identity.username == Self.account)
            #expect(fixture.emulator.requestLog.map(\.status) == [401, 201])
        }
    }

    @Test func missingTokenSaysToMountIt() async throws {
        let folder = TestFolder()
        let request = CollectWorkflow.Request(
            directory: folder.url,
            clientOptions: EmulatorFixture.fastOptions(),
            environment: [
                "HOME": folder.path("home"), "KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": "1",
            ]
        )
        var inCluster = request
        inCluster.serviceAccountDirectory = folder.path("no-such-folder")
        let error = await #expect(throws: KubeAPIError.self) {
            try await CollectWorkflow.run(inCluster, logger: EmulatorFixture.quietLogger)
        }
        #expect(error?.description.contains("automountServiceAccountToken: true") == true)
    }
}
