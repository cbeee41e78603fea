import Foundation
import KubeEmulator
import TestSupport
import Testing

@Suite("HTTPS: serving certificate, client certificates, kubeconfig (via curl)")
struct TLSTests {
    static var curl: String { Tools.find("curl") ?? "curl" }

    @Test(.requires("curl", install: "apt-get install curl"))
    func tokenAndClientCertificatesOverHTTPS() async throws {
        let emulator = KubeEmulator(store: try TestCluster.store(), options: EmulatorOptions())
        try await emulator.start()
        let scratch = TestFolder()
        #expect(emulator.baseURL.hasPrefix("https://127.0.0.1:"))
        let ca = try scratch.write("ca.pem", emulator.caCertificatePEM)
        let review = "\(emulator.baseURL)/apis/authentication.k8s.io/v1/selfsubjectreviews"
        let body = #"{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}"#

        let version = try await Tools.runAsync(
            Self.curl,
            ["-sS", "--cacert", ca, "\(emulator.baseURL)/version"]
        )
        #expect(version.status == 0, "\(version.stderr)")
        #expect(version.stdout.contains("\"gitVersion\":\"v1.30.4\""))

        let token = try await Tools.runAsync(
            Self.curl,
            [
                "-sS", "--cacert", ca, "-H", "Authorization: Bearer auditpack-demo-token", "-X", "POST", "-d", body,
                review,
            ]
        )
        #expect(token.stdout.contains("\"username\":\"auditpack-demo\""), "\(token.stdout) \(token.stderr)")

        for format in ClientKeyFormat.allCases {
            let issued = try emulator.issueClientCertificate(
                username: "auditor",
                groups: ["auditors", "qa"],
                keyFormat: format
            )
            let cert = try scratch.write("cert-\(format).pem", issued.certificatePEM)
            let key = try scratch.write("key-\(format).pem", issued.privateKeyPEM)
            let marker = [
                "pkcs8": "BEGIN PRIVATE KEY", "rsaPKCS1": "BEGIN RSA PRIVATE KEY", "ecSEC1": "BEGIN EC PRIVATE KEY",
            ]
            #expect(issued.privateKeyPEM.contains(marker[format.rawValue] ?? "?"), "\(format)")
            let reply = try await Tools.runAsync(
                Self.curl,
                ["-sS", "--cacert", ca, "--cert", cert, "--key", key, "-X", "POST", "-d", body, review]
            )
            #expect(reply.stdout.contains("\"username\":\"auditor\""), "\(format): \(reply.stdout) \(reply.stderr)")
            #expect(reply.stdout.contains("\"groups\":[\"auditors\",\"qa\",\"system:authenticated\"]"), "\(format)")
        }

        let anonymous = try await Tools.runAsync(
            Self.curl,
            ["-sS", "-o", "/dev/null", "-w", "%{http_code}", "--cacert", ca, "\(emulator.baseURL)/api/v1/pods"]
        )
        #expect(anonymous.stdout == "401")

        let other = try scratch.write("other.pem", try KubeEmulator.unrelatedCAPEM())
        let untrusted = try await Tools.runAsync(
            Self.curl,
            ["-sS", "--cacert", other, "\(emulator.baseURL)/version"]
        )
        #expect(untrusted.status != 0, "an unrelated CA must not verify the emulator")
        await emulator.stop()
    }

    @Test(
        .requires("curl", install: "apt-get install curl"),
        arguments: [ServingCertificate.expired, .wrongHostname("kube.example.internal")]
    )
    func brokenServingCertificatesFailVerification(mode: ServingCertificate) async throws {
        var options = EmulatorOptions()
        options.servingCertificate = mode
        let emulator = KubeEmulator(store: ClusterStore(), options: options)
        try await emulator.start()
        let scratch = TestFolder()
        let ca = try scratch.write("ca.pem", emulator.caCertificatePEM)
        let reply = try await Tools.runAsync(
            Self.curl,
            ["-sS", "--cacert", ca, "\(emulator.baseURL)/version"]
        )
        #expect(reply.status != 0)
        let expected = mode == .expired ? "expired" : "kube.example.internal"
        #expect(reply.stderr.contains(expected) || reply.stderr.contains("certificate"), "\(reply.stderr)")
        if case .wrongHostname(let name) = mode {
            let resolved = try await Tools.runAsync(
                Self.curl,
                [
                    "-sS", "--cacert", ca, "--resolve", "\(name):\(emulator.port ?? 0):127.0.0.1",
                    "https://\(name):\(emulator.port ?? 0)/version",
                ]
            )
            #expect(resolved.status == 0, "the certificate is valid for \(name): \(resolved.stderr)")
        }
        await emulator.stop()
    }
}
