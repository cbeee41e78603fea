import Foundation
import Testing

@testable import Collection

/// The redaction rules one by one: value formats, clearly-harmless values, Secret annotations, fail-closed
/// embedded objects, credential fields of custom resources.
@Suite struct RedactorRulesTests {
    static let patterns = ["PASSWORD", "SECRET", "TOKEN", "API_KEY", "PRIVATE_KEY"]

    @Test(arguments: [
        ("-----BEGIN RSA PRIVATE KEY-----\nMIIE", "private-key"), ("AKIAIOSFODNN7EXAMPLE", "aws-access-key-id"),
        ("ASIAY34FZKBOKMUTVV7A", "aws-access-key-id"),
        ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N", "jwt"),
        ("Bearer abcdef.ghijkl", "bearer-token"), ("https://u:p4ss@example.com/x", "url-password"),
        ("ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", "github-token"), ("xoxb-1234567890-abcdef", "slack-token"),
        ("https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXX", "slack-token"),
    ])
    func valueRulesFire(_ example: (String, String)) {
        #expect(SecretValueRules.detect(example.0) == example.1)
    }

    @Test(arguments: [
        "-----BEGIN CERTIFICATE-----\nMIIB", "AKIA-not-a-key", "https://example.com/a@b", "bearer", "a bearer of news",
        "postgres://db:5432/app", "info", "ghp_short", "eyJ.eyJ.x", "registry.k8s.io/kube-apiserver:v1.30.6",
    ])
    func valueRulesStayQuiet(_ value: String) {
        #expect(SecretValueRules.detect(value) == nil)
    }

    @Test func clearlyHarmlessValuesUnderSecretNamesAreKept() {
        let redactor = Redactor(secretNamePatterns: Self.patterns)
        let env: [[String: Any]] = [
            ["name": "SECRET_KEY_PATH", "value": "/etc/ml_secret_key"], ["name": "TOKEN_FILE", "value": "/var/run/t"],
            ["name": "ENABLE_TOKEN_AUTH", "value": "true"], ["name": "TOKEN_TTL", "value": "3600"],
            ["name": "DB_PASSWORD", "value": "$(FROM_SECRET)"], ["name": "DB_SECRET_NAME", "value": "db-credentials"],
            ["name": "DB_PASSWORD_PLAIN", "value": "hunter2"],
        ]
        let pod: [String: Any] = [
            "kind": "Pod", "metadata": ["name": "p", "namespace": "a"],
            "spec": ["containers": [["name": "c", "env": env]]],
        ]
        let redacted = redactor.redact(pod)
        let spec = redacted["spec"] as? [String: Any]
        let values = ((spec?["containers"] as? [[String: Any]])?.first?["env"] as? [[String: Any]] ?? []).map {
            $0["value"] as? String ?? ""
        }
        #expect(
            values == [
                "/etc/ml_secret_key", "/var/run/t", "true", "3600", "$(FROM_SECRET)", "db-credentials", "REDACTED",
            ]
        )
        #expect(redactor.findings.map(\.detector) == ["name:PASSWORD"])
    }

    @Test func secretAnnotationsAreAllowListed() {
        let redactor = Redactor(secretNamePatterns: Self.patterns)
        let secret: [String: Any] = [
            "kind": "Secret",
            "metadata": [
                "name": "s", "namespace": "a",
                "annotations": [
                    "kubernetes.io/service-account.name": "builder", "cert-manager.io/issuer-name": "ca",
                    "kapp.k14s.io/original": #"{"kind":"Secret","data":{"k":"djE="}}"#,
                    "reconcile.external-secrets.io/data-hash": "abc", "example.com/anything": "x",
                ],
            ],
        ]
        let annotations = (redactor.redact(secret)["metadata"] as? [String: Any])?["annotations"] as? [String: String]
        #expect(annotations?["kubernetes.io/service-account.name"] == "builder")
        #expect(annotations?["cert-manager.io/issuer-name"] == "ca")
        #expect(annotations?["reconcile.external-secrets.io/data-hash"] == "REDACTED")
        #expect(annotations?["example.com/anything"] == "REDACTED")
        #expect(annotations?["kapp.k14s.io/original"]?.contains("djE=") == false)
        #expect(redactor.findings.contains { $0.rule == "C06.secret-in-last-applied-annotation" })
    }

    @Test(arguments: [
        #"{"kind":"Secret","data":{"k":"a"},"data":"s3cr3t"}"#, #"{"kind":"Secret"} s3cr3t"#, "data:\n  k: s3cr3t",
        #"{"kind":"Secret","d\u0061ta":{"k":"s3cr3t"}, "x": [1,]}"#,
    ])
    func uncleanLastAppliedIsReplacedWhole(_ text: String) {
        let redactor = Redactor(secretNamePatterns: Self.patterns)
        for kind in ["Secret", "Deployment"] {
            let object: [String: Any] = [
                "kind": kind,
                "metadata": ["name": "s", "annotations": ["kubectl.kubernetes.io/last-applied-configuration": text]],
            ]
            let annotations =
                (redactor.redact(object)["metadata"] as? [String: Any])?["annotations"] as? [String: String]
            #expect(annotations?["kubectl.kubernetes.io/last-applied-configuration"] == "REDACTED", "\(kind): \(text)")
        }
    }

    @Test func webhookURLsLoseOnlyTheirPassword() {
        #expect(Redactor.strippingPassword("https://u:p@h.example/x?y") == "https://u:REDACTED@h.example/x?y")
        #expect(Redactor.strippingPassword("https://h.example/x@y") == nil)
        #expect(Redactor.strippingPassword("https://u@h.example") == nil)
    }
}
