import Foundation
import KubeEmulator
import Testing

@Suite("start, stop, restart, kubeconfig")
struct LifecycleTests {
    @Test func startIsIdempotentAndStopAllowsARestart() async throws {
        var options = EmulatorOptions()
        options.tls = false
        let emulator = KubeEmulator(store: ClusterStore(), options: options)
        #expect(emulator.port == nil)
        try await emulator.start()
        let first = try #require(emulator.port)
        try await emulator.start()
        #expect(emulator.port == first)
        await emulator.stop()
        await emulator.stop()
        #expect(emulator.port == nil)
        try await emulator.start()
        #expect(emulator.port != nil)
        await emulator.stop()
    }

    @Test func aTakenPortIsANamedError() async throws {
        var options = EmulatorOptions()
        options.tls = false
        let first = KubeEmulator(store: ClusterStore(), options: options)
        try await first.start()
        options.port = try #require(first.port)
        let second = KubeEmulator(store: ClusterStore(), options: options)
        let error = await #expect(throws: KubeEmulatorError.self) { try await second.start() }
        #expect(error?.description.contains("127.0.0.1:\(options.port)") == true)
        #expect(error?.description.contains("port 0 picks a free one") == true)
        await first.stop()
    }

    @Test func kubeconfigPointsAtTheServer() async throws {
        let emulator = KubeEmulator(store: ClusterStore(), options: EmulatorOptions())
        try await emulator.start()
        let yaml = emulator.kubeconfigYAML(contextName: "sandbox")
        #expect(yaml.contains("server: \(emulator.baseURL)"))
        #expect(
            yaml.contains("certificate-authority-data: \(Data(emulator.caCertificatePEM.utf8).base64EncodedString())")
        )
        #expect(yaml.contains("token: \"auditpack-demo-token\""))
        #expect(yaml.contains("current-context: \"sandbox\""))
        #expect(emulator.caCertificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----"))
        #expect(try KubeEmulator.unrelatedCAPEM() != emulator.caCertificatePEM)
        await emulator.stop()
    }
}
