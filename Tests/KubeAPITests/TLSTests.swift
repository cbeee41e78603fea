import Foundation
import KubeAPI
import KubeEmulator
import TestSupport
import Testing

@Suite("TLS verification and named failures")
struct TLSTests {
    @Test func unknownCertificateAuthorityIsNamed() async throws {
        try await withEmulator { fixture in
            let otherCA = Data(try KubeEmulator.unrelatedCAPEM().utf8).base64EncodedString()
            let client = try fixture.client(
                kubeconfig: fixture.kubeconfig(
                    cluster: "{server: \(fixture.emulator.baseURL), certificate-authority-data: \(otherCA)}",
                    user: "{token: auditpack-demo-token}"
                )
            )
            let error = await #expect(throws: KubeAPIError.self) { try await client.serverVersion() }
            await client.shutdown()
            #expect(Self.problem(error) == .unknownAuthority)
            #expect(error?.description.contains("certificate-authority") == true)
        }
    }

    @Test func expiredServingCertificateIsNamed() async throws {
        try await withEmulator(
            options: .configured { $0.servingCertificate = .expired }
        ) { fixture in
            let client = try fixture.client()
            let error = await #expect(throws: KubeAPIError.self) { try await client.serverVersion() }
            await client.shutdown()
            #expect(Self.problem(error) == .expired)
        }
    }

    @Test func hostnameMismatchIsNamed() async throws {
        try await withEmulator(
            options: .configured { $0.servingCertificate = .wrongHostname("kube.example.internal") }
        ) {
            fixture in
            let client = try fixture.client()
            let error = await #expect(throws: KubeAPIError.self) { try await client.serverVersion() }
            await client.shutdown()
            #expect(Self.problem(error) == .hostnameMismatch)
            #expect(error?.description.contains("tls-server-name") == true)
        }
    }

    @Test func tlsServerNameConnectsToACertificateForAnotherName() async throws {
        try await withEmulator(
            options: .configured { $0.servingCertificate = .wrongHostname("kube.example.internal") }
        ) {
            fixture in
            let client = try fixture.client(
                kubeconfig: fixture.kubeconfig(
                    cluster: "{server: \(fixture.emulator.baseURL), certificate-authority-data: \(fixture.caData), "
                        + "tls-server-name: kube.example.internal}",
                    user: "{token: auditpack-demo-token}"
                )
            )
            let version = try await client.serverVersion()
            await client.shutdown()
            #expect(version.major == "1")
        }
    }

    @Test func insecureSkipVerifyConnectsAndWarns() async throws {
        try await withEmulator { fixture in
            let capture = LogCapture()
            let client = try fixture.client(
                kubeconfig: fixture.kubeconfig(
                    cluster: "{server: \(fixture.emulator.baseURL), insecure-skip-tls-verify: true}",
                    user: "{token: auditpack-demo-token}"
                ),
                logger: capture.logger
            )
            _ = try await client.serverVersion()
            await client.shutdown()
            #expect(capture.messages.contains { $0.contains("TLS verification is off") })
        }
    }

    static func problem(_ error: KubeAPIError?) -> TLSProblem? {
        if case .tls(let problem, _, _) = error { return problem }
        Issue.record("expected a TLS error, got \(String(describing: error))")
        return nil
    }
}
