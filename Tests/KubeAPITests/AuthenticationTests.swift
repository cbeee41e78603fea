import Foundation
import KubeAPI
import KubeEmulator
import TestSupport
import Testing

@Suite("authentication against the emulator over TLS")
struct AuthenticationTests {
    @Test func tokenFromKubeconfig() async throws {
        try await withEmulator { fixture in
            let client = try fixture.client()
            let identity = try await client.whoAmI()
            await client.shutdown()
            #expect(identity.username == "auditpack-demo")
            #expect(identity.groups.contains("system:authenticated"))
        }
    }

    @Test(arguments: [ClientKeyFormat.pkcs8, .rsaPKCS1, .ecSEC1])
    func clientCertificate(format: ClientKeyFormat) async throws {
        try await withEmulator { fixture in
            let issued = try fixture.emulator.issueClientCertificate(
                username: "auditor",
                groups: ["auditors"],
                keyFormat: format
            )
            let yaml = fixture.kubeconfig(
                cluster: "{server: \(fixture.emulator.baseURL), certificate-authority-data: \(fixture.caData)}",
                user: "{client-certificate-data: \(Data(issued.certificatePEM.utf8).base64EncodedString()), "
                    + "client-key-data: \(Data(issued.privateKeyPEM.utf8).base64EncodedString())}"
            )
            let client = try fixture.client(kubeconfig: yaml)
            let identity = try await client.whoAmI()
            await client.shutdown()
            #expect(identity.username == "auditor")
            #expect(identity.groups.contains("auditors"))
        }
    }

    @Test func rejectedTokenNamesTheUserEntry() async throws {
        try await withEmulator { fixture in
            let yaml = fixture.kubeconfig(
                cluster: "{server: \(fixture.emulator.baseURL), certificate-authority-data: \(fixture.caData)}",
                user: "{token: wrong-token}"
            )
            let client = try fixture.client(kubeconfig: yaml)
            let error = await #expect(throws: KubeAPIError.self) { try await client.whoAmI() }
            await client.shutdown()
            guard case .unauthorized(let user, _, _) = error else {
                Issue.record("expected unauthorized, got \(String(describing: error))")
                return
            }
            #expect(user == "tester")
            #expect(error?.description.contains("tester") == true)
        }
    }

    @Test func execPluginTokenIsCachedUntilExpiry() async throws {
        try await withEmulator { fixture in
            let counter = fixture.folder.path("runs")
            let plugin = try ExecCredentialPlugin(
                config: Self.pluginConfig(env: [
                    ("PLUGIN_COUNTER", counter), ("PLUGIN_TOKEN", "auditpack-demo-token"),
                    ("PLUGIN_EXPIRY", "2999-01-01T00:00:00Z"),
                ]),
                baseDirectory: "/",
                userName: "eks",
                cluster: ("https://k", nil, false)
            )
            let first = try await plugin.credential()
            let second = try await plugin.credential()
            #expect(first.token == "auditpack-demo-token")
            #expect(first == second)
            #expect(await plugin.runs == 1)
        }
    }

    @Test func execPluginReRunsAfterExpiry() async throws {
        let folder = TestFolder()
        let plugin = try ExecCredentialPlugin(
            config: Self.pluginConfig(env: [
                ("PLUGIN_COUNTER", folder.path("runs")), ("PLUGIN_TOKEN", "t"),
                ("PLUGIN_EXPIRY", "2001-01-01T00:00:00Z"),
            ]),
            baseDirectory: "/",
            userName: "eks",
            cluster: ("https://k", nil, false)
        )
        _ = try await plugin.credential()
        _ = try await plugin.credential()
        #expect(await plugin.runs == 2)
    }

    @Test func execPluginGetsClusterInfoWhenAsked() async throws {
        let folder = TestFolder()
        var config = try Self.pluginConfig(env: [("PLUGIN_COUNTER", folder.path("runs")), ("PLUGIN_TOKEN", "t")])
        config.provideClusterInfo = true
        let plugin = ExecCredentialPlugin(
            config: config,
            baseDirectory: "/",
            userName: "eks",
            cluster: ("https://k.example:6443", nil, false)
        )
        _ = try await plugin.credential()
        let info = try #require(FileManager.default.contents(atPath: folder.path("runs.info")))
        let json = try #require(try JSONSerialization.jsonObject(with: info) as? [String: Any])
        #expect(json["kind"] as? String == "ExecCredential")
        let spec = try #require(json["spec"] as? [String: Any])
        #expect((spec["cluster"] as? [String: Any])?["server"] as? String == "https://k.example:6443")
    }

    @Test func execPluginIsReRunAfter401() async throws {
        try await withEmulator { fixture in
            let counter = fixture.folder.path("runs")
            let env = [
                ("PLUGIN_COUNTER", counter), ("PLUGIN_TOKEN_1", "stale-token"),
                ("PLUGIN_TOKEN_2", "auditpack-demo-token"),
                ("PLUGIN_EXPIRY", "2999-01-01T00:00:00Z"),
            ]
            let envYAML = env.map { "{name: \($0.0), value: \"\($0.1)\"}" }.joined(separator: ", ")
            let yaml = fixture.kubeconfig(
                cluster: "{server: \(fixture.emulator.baseURL), certificate-authority-data: \(fixture.caData)}",
                user: "{exec: {apiVersion: client.authentication.k8s.io/v1, command: \(try Self.pluginPath()), "
                    + "env: [\(envYAML)]}}"
            )
            let client = try fixture.client(kubeconfig: yaml)
            let identity = try await client.whoAmI()
            await client.shutdown()
            #expect(identity.username == "auditpack-demo")
            #expect(
                try String(contentsOfFile: counter, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
                    == "2"
            )
        }
    }

    @Test func failingExecPluginSaysWhy() async throws {
        let folder = TestFolder()
        let plugin = try ExecCredentialPlugin(
            config: Self.pluginConfig(env: [("PLUGIN_COUNTER", folder.path("runs")), ("PLUGIN_FAIL", "1")]),
            baseDirectory: "/",
            userName: "gke",
            cluster: ("https://k", nil, false)
        )
        let error = await #expect(throws: KubeAPIError.self) { try await plugin.credential() }
        #expect(error?.description.contains("login required") == true)
        #expect(error?.description.contains("exit code 3") == true)
        #expect(error?.description.contains("\"gke\"") == true)
    }

    @Test func inClusterTokenIsReReadWhenItRotates() async throws {
        try await withEmulator(
            options: .configured {
                $0.tokens["rotated-token"] = UserInfo(username: "system:serviceaccount:audit:collector", groups: [])
            }
        ) { fixture in
            let folder = fixture.folder
            try folder.write("sa/token", "auditpack-demo-token")
            try folder.write("sa/ca.crt", fixture.emulator.caCertificatePEM)
            let client = try fixture.inClusterClient(serviceAccount: folder.path("sa"), home: folder.path("home"))
            let before = try await client.whoAmI()
            try folder.write("sa/token", "rotated-token")
            let after = try await client.whoAmI()
            await client.shutdown()
            #expect(before.username == "auditpack-demo")
            #expect(after.username == "system:serviceaccount:audit:collector")
        }
    }

    static func pluginPath() throws -> String {
        try #require(Bundle.module.path(forResource: "exec-plugin", ofType: "sh", inDirectory: "Resources"))
    }

    static func pluginConfig(env: [(String, String)]) throws -> Kubeconfig.ExecConfig {
        Kubeconfig.ExecConfig(
            apiVersion: "client.authentication.k8s.io/v1",
            command: try pluginPath(),
            args: [],
            env: env.map { ($0.0, $0.1) },
            provideClusterInfo: false,
            installHint: nil
        )
    }
}
