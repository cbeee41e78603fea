import Foundation
import KubeEmulator
import Packaging
import TestSupport
import Testing

extension CLITests {
    /// A credential planted in every place issue 11 lists never reaches the package, stdout, stderr or the
    /// working folder — raw, base64 or JSON-escaped.
    @Suite("auditpack collect: no planted credential anywhere")
    struct SecretLeakCLITests {
        static func leaks(_ bytes: Data, in place: String) -> [String] {
            PlantedSecrets.leaks(bytes, in: place)
        }

        @Test func noPlantedValueReachesAnyOutput() async throws {
            try await withEmulator(store: try PlantedSecrets.store()) { fixture in
                let session = CLISession(fixture)
                // Read every file of the working folder while the run goes on.
                let watcher = WorkFolderWatcher(session.folder)
                let run = try CLIProcess.start([
                    "collect", "--kubeconfig", session.kubeconfig, "--output", session.package, "--verbose",
                ])
                let status = try await run.wait()
                let seen = watcher.stop()
                #expect(status <= 1, "\(run.stderrText)")
                var leaks = Self.leaks(run.stdout, in: "stdout") + Self.leaks(run.stderr, in: "stderr")
                for (name, data) in seen { leaks += Self.leaks(data, in: "working file \(name)") }
                let zip = try Data(contentsOf: URL(fileURLWithPath: session.package))
                leaks += Self.leaks(zip, in: "the zip")
                let reader = try PackageReader(url: URL(fileURLWithPath: session.package))
                for name in reader.names {
                    leaks += Self.leaks(try reader.data(name, limit: 256 << 20), in: name)
                }
                #expect(leaks.isEmpty, "\(leaks.joined(separator: "\n"))")
                #expect(!seen.isEmpty, "the working folder was read during the run")

                // The planted places are reported, and what is clearly no secret is not.
                let scan = try #require(
                    try JSONSerialization.jsonObject(with: reader.data("C06d-plaintext-secret-scan.json"))
                        as? [String: Any]
                )
                let findings = scan["findings"] as? [[String: Any]] ?? []
                let fields = findings.map { "\($0["name"] ?? "") \($0["field"] ?? "") \($0["detector"] ?? "")" }
                for expected in [
                    "kube-apiserver-cp-2 spec.containers[kube-apiserver].env[SIGNING_KEY].value value:private-key",
                    "kube-apiserver-cp-2 spec.containers[kube-apiserver].env[DB_URL].value value:aws-access-key-id",
                    "kube-apiserver-cp-2 spec.containers[kube-apiserver].env[AUTH_HEADER].value value:bearer-token",
                    "kube-apiserver-cp-2 spec.containers[kube-apiserver].env[SESSION].value value:jwt",
                    "kube-apiserver-cp-2 spec.containers[kube-apiserver].env[GH].value value:github-token",
                    "kube-apiserver-cp-2 spec.containers[kube-apiserver].env[CHAT].value value:slack-token",
                    "kube-apiserver-cp-2 spec.containers[kube-apiserver].env[DATABASE].value value:url-password",
                    "kube-apiserver-cp-2 spec.containers[kube-apiserver].env[OIDC_CLIENT_SECRET].value name:SECRET",
                    "kube-apiserver-cp-2 spec.containers[kube-apiserver].command[1] name:SECRET",
                    "planted-config data.signing.pem value:private-key",
                    "planted-config data.application.properties[db.password] name:PASSWORD",
                ] {
                    #expect(
                        fields.contains(expected),
                        "C06d reports \(expected): \(fields.filter { $0.contains("planted") || $0.contains("cp-2") })"
                    )
                }
                for harmless in ["SECRET_KEY_PATH", "TOKEN_FILE", "ENABLE_TOKEN_AUTH", "TOKEN_TTL", "token-auth-file"] {
                    #expect(!fields.contains { $0.contains(harmless) }, "\(harmless) is not a secret")
                }
                // The apiserver evidence keeps every flag that is not a secret.
                let pods = String(decoding: try reader.data("C02-apiserver-config.json"), as: UTF8.self)
                #expect(pods.contains("--token-auth-file=/etc/kubernetes/tokens.csv"))
                #expect(pods.contains("--oidc-client-secret=REDACTED"))
                let secrets = String(decoding: try reader.data("C06e-secrets-metadata.json"), as: UTF8.self)
                #expect(secrets.contains("kept-service-account"), "harmless Secret annotations are kept")
            }
        }

        /// A kubeconfig with a YAML error is reported by line and column, never by content.
        @Test func kubeconfigErrorsNeverEchoTheFile() async throws {
            let folder = TestFolder()
            let kubeconfig = try folder.write(
                "broken",
                """
                apiVersion: v1
                users:
                - name: u
                  user:
                    token: PLANTED-KUBECONFIG-TOKEN
                      client-key-data: [unclosed
                """
            )
            let run = try await CLIProcess.run([
                "collect", "--kubeconfig", kubeconfig, "--output", folder.path("p.zip"),
            ])
            #expect(run.status == 2)
            #expect(run.stderrText.contains(kubeconfig), "the file is named: \(run.stderrText)")
            #expect(run.stderrText.contains("line 6"), "the line is named: \(run.stderrText)")
            #expect(!run.stderrText.contains("PLANTED"), "no content is echoed: \(run.stderrText)")
            #expect(!run.stderrText.contains("unclosed"), "no content is echoed: \(run.stderrText)")
        }
    }
}
