import Foundation
import KubeAPI
import TestSupport
import Testing

@Suite("kubeconfig loading and merging")
struct KubeconfigTests {
    let folder = TestFolder()

    @Test func mergesKubeconfigListFirstFileWins() throws {
        let first = try folder.write(
            "a/config",
            """
            apiVersion: v1
            kind: Config
            current-context: prod
            clusters:
            - name: prod
              cluster: {server: "https://prod.example:6443", certificate-authority: certs/ca.crt}
            contexts:
            - name: prod
              context: {cluster: prod, user: admin, namespace: payments}
            users:
            - name: admin
              user: {token: first-token}
            """
        )
        let second = try folder.write(
            "b/config",
            """
            current-context: staging
            clusters:
            - name: prod
              cluster: {server: "https://ignored.example"}
            - name: staging
              cluster: {server: "https://staging.example"}
            contexts:
            - name: staging
              context: {cluster: staging, user: admin}
            users:
            - name: admin
              user: {token: second-token}
            """
        )
        _ = try folder.write("a/certs/ca.crt", "CA-BYTES")
        let missing = folder.path("does-not-exist")
        let environment = ["KUBECONFIG": [first, missing, second].joined(separator: ":")]

        let config = try #require(try Kubeconfig.load(explicitPath: nil, environment: environment))
        #expect(config.currentContext == "prod")
        #expect(config.clusters["prod"]?.server == "https://prod.example:6443")
        #expect(Set(config.contexts.keys) == ["prod", "staging"])
        #expect(config.files.count == 2)

        let prod = try config.connection(context: nil)
        #expect(prod.namespace == "payments")
        #expect(prod.certificateAuthorityPEM == Data("CA-BYTES".utf8), "relative path resolves against a/")
        guard case .token(let token) = prod.credentials else {
            Issue.record("expected a token")
            return
        }
        #expect(token == "first-token")

        let staging = try config.connection(context: "staging")
        #expect(staging.server == "https://staging.example")
    }

    @Test func explicitPathOverridesEnvironment() throws {
        let file = try folder.write("explicit", Self.minimal(server: "https://explicit.example"))
        let other = try folder.write("other", Self.minimal(server: "https://other.example"))
        let config = try ConnectionConfig.discover(
            kubeconfigPath: file,
            context: nil,
            environment: ["KUBECONFIG": other]
        )
        #expect(config.server == "https://explicit.example")
    }

    @Test func missingExplicitFileIsNamed() throws {
        let path = folder.path("nope.yaml")
        let error = #expect(throws: KubeAPIError.self) {
            try ConnectionConfig.discover(kubeconfigPath: path, context: nil, environment: [:])
        }
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("--kubeconfig") == true)
    }

    @Test func unknownContextListsTheAvailableOnes() throws {
        let file = try folder.write("config", Self.minimal(server: "https://a.example"))
        let error = #expect(throws: KubeAPIError.self) {
            try ConnectionConfig.discover(kubeconfigPath: file, context: "prod", environment: [:])
        }
        #expect(error == .contextNotFound(context: "prod", available: ["test"]))
        #expect(error?.description.contains("available: test") == true)
    }

    @Test func noCurrentContextSaysHowToPickOne() throws {
        let file = try folder.write(
            "config",
            Self.minimal(server: "https://a.example").replacingOccurrences(of: "current-context: test", with: "")
        )
        let error = #expect(throws: KubeAPIError.self) {
            try ConnectionConfig.discover(kubeconfigPath: file, context: nil, environment: [:])
        }
        #expect(error?.description.contains("--context") == true)
    }

    @Test func invalidYAMLNamesTheFile() throws {
        let file = try folder.write("broken", "clusters: [unclosed")
        let error = #expect(throws: KubeAPIError.self) {
            try ConnectionConfig.discover(kubeconfigPath: file, context: nil, environment: [:])
        }
        #expect(error?.description.contains(file) == true)
    }

    /// Yams quotes the offending line; a kubeconfig's lines hold tokens and keys.
    @Test(arguments: [
        "users:\n- name: u\n  user:\n    token: SECRET-TOKEN-VALUE\n      client-key-data: [x\n",
        "users:\n- name: u\n  user: {token: SECRET-TOKEN-VALUE, token: SECRET-TOKEN-VALUE\n",
        "current-context: c\nusers:\n- name: u\n  user:\n\ttoken: SECRET-TOKEN-VALUE\n",
    ])
    func yamlErrorsGiveLineAndColumnNeverContent(_ yaml: String) throws {
        let file = try folder.write("broken-\(UUID().uuidString)", yaml)
        let error = #expect(throws: KubeAPIError.self) {
            try ConnectionConfig.discover(kubeconfigPath: file, context: nil, environment: [:])
        }
        let message = error?.description ?? ""
        #expect(message.contains(file))
        #expect(message.contains("line "), "\(message)")
        #expect(!message.contains("SECRET-TOKEN-VALUE"), "\(message)")
    }

    @Test func proxyURLIsRefusedWithAHint() throws {
        let text = Self.minimal(server: "https://a.example")
            .replacingOccurrences(
                of: "server: https://a.example",
                with: "server: https://a.example, proxy-url: http://p:3128"
            )
        let file = try folder.write("proxy", text)
        let error = #expect(throws: KubeAPIError.self) {
            try ConnectionConfig.discover(kubeconfigPath: file, context: nil, environment: [:])
        }
        #expect(error?.description.contains("proxy-url") == true)
    }

    @Test func clientCertificateFilesAndDataAreRead() throws {
        _ = try folder.write("pki/client.crt", "CERT")
        let file = try folder.write(
            "config",
            """
            current-context: c
            clusters: [{name: k, cluster: {server: "https://k.example", certificate-authority-data: \(Data("CA".utf8).base64EncodedString())}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            users: [{name: u, user: {client-certificate: pki/client.crt, client-key-data: \(Data("KEY".utf8).base64EncodedString())}}]
            """
        )
        let config = try ConnectionConfig.discover(kubeconfigPath: file, context: nil, environment: [:])
        #expect(config.certificateAuthorityPEM == Data("CA".utf8))
        guard case .clientCertificate(let cert, let key) = config.credentials else {
            Issue.record("expected a client certificate")
            return
        }
        #expect(cert == Data("CERT".utf8))
        #expect(key == Data("KEY".utf8))
    }

    @Test func missingCredentialFileIsNamed() throws {
        let file = try folder.write(
            "config",
            """
            current-context: c
            clusters: [{name: k, cluster: {server: "https://k.example"}}]
            contexts: [{name: c, context: {cluster: k, user: u}}]
            users: [{name: u, user: {tokenFile: tokens/missing}}]
            """
        )
        let error = #expect(throws: KubeAPIError.self) {
            try ConnectionConfig.discover(kubeconfigPath: file, context: nil, environment: [:])
        }
        #expect(error?.description.contains(folder.path("tokens/missing")) == true)
    }

    @Test func execSectionIsParsed() throws {
        let file = try folder.write(
            "config",
            """
            current-context: eks
            clusters: [{name: k, cluster: {server: "https://k.example"}}]
            contexts: [{name: eks, context: {cluster: k, user: aws}}]
            users:
            - name: aws
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: aws
                  args: [eks, get-token, --cluster-name, prod]
                  env: [{name: AWS_PROFILE, value: audit}]
                  provideClusterInfo: true
            """
        )
        let config = try ConnectionConfig.discover(kubeconfigPath: file, context: nil, environment: [:])
        guard case .exec(let exec, _) = config.credentials else {
            Issue.record("expected an exec plugin")
            return
        }
        #expect(exec.command == "aws")
        #expect(exec.args == ["eks", "get-token", "--cluster-name", "prod"])
        #expect(exec.env.map(\.name) == ["AWS_PROFILE"])
        #expect(exec.provideClusterInfo)
    }

    @Test func inClusterConfigUsesTheServiceAccount() throws {
        _ = try folder.write("sa/token", "sa-token")
        _ = try folder.write("sa/ca.crt", "CA")
        _ = try folder.write("sa/namespace", "auditpack\n")
        let config = try ConnectionConfig.discover(
            kubeconfigPath: nil,
            context: nil,
            environment: [
                "HOME": folder.path("home"), "KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443",
            ],
            serviceAccountDirectory: folder.path("sa")
        )
        #expect(config.server == "https://10.96.0.1:443")
        #expect(config.namespace == "auditpack")
        #expect(config.certificateAuthorityPEM == Data("CA".utf8))
    }

    @Test func nothingConfiguredListsWhereItLooked() throws {
        let error = #expect(throws: KubeAPIError.self) {
            try ConnectionConfig.discover(kubeconfigPath: nil, context: nil, environment: ["HOME": folder.path("home")])
        }
        #expect(error?.description.contains(folder.path("home/.kube/config")) == true)
    }

    static func minimal(server: String) -> String {
        """
        current-context: test
        clusters: [{name: k, cluster: {server: \(server)}}]
        contexts: [{name: test, context: {cluster: k, user: u}}]
        users: [{name: u, user: {token: t}}]
        """
    }
}
