import Foundation
import KubeEmulator

/// Objects that hide a credential in every place issue 11 lists, each value carrying a distinct marker
/// (all contain `PLANTED`), added to the sample cluster.
public enum PlantedSecrets {
    public static let pem = "-----BEGIN PRIVATE KEY-----\nPLANTEDPEMBODY0123456789\n-----END PRIVATE KEY-----\n"

    /// Every planted value, whole, as it sits in the cluster.
    public static let values: [String] = [
        "PLANTED-OIDC-CLIENT-SECRET", "PLANTED-ETCD-PASSWORD", "PLANTED-NEXT-ARG-TOKEN",
        "PLANTED-APISERVER-ENV", "Bearer PLANTED-BEARER-HEADER", "https://admin:PLANTED-ANNOTATION-URL@db.example.com",
        "PLANTED-KAPP-ORIGINAL", "PLANTED-SECRET-ANNOTATION", "PLANTED-DUPLICATE-KEY", "PLANTED-TRAILING-TEXT",
        "PLANTED-YAML-LAST-APPLIED", "Bearer PLANTED-WEBHOOK-HEADER", "PLANTED-STORE-URL", "PLANTED-FAKE-PROVIDER",
        "PLANTED-TEMPLATE-DATA", "PLANTED-KYVERNO-VARIABLE", "PLANTED-HOOK-URL", pem, "AKIAPLANTEDAWSKEYIDX",
        "eyJhbGciOiJIUzI1NiJ9PLANTED.eyJzdWIiOiJQTEFOVEVEIn0PLANTED.sigPLANTEDJWT",
        "ghp_PLANTEDGITHUBTOKEN0123456789abcdefghij", "xoxb-PLANTED-SLACK-123456", "PLANTED-PROPERTIES-PASSWORD",
        "PLANTED-BINARY-DATA", "postgres://app:PLANTED-URL-PASSWORD@db:5432/app",
    ]

    /// Every form a planted value could leak in: raw, base64 and JSON-escaped, for each value and marker.
    public static var forms: [(name: String, bytes: Data)] {
        var forms: [(name: String, bytes: Data)] = []
        for value in values + markers {
            forms.append((value, Data(value.utf8)))
            forms.append(("base64 of \(value)", Data(Data(value.utf8).base64EncodedString().utf8)))
            if let escaped = try? JSONSerialization.data(withJSONObject: [value], options: []) {
                forms.append(("JSON of \(value)", escaped.dropFirst(2).dropLast(2)))
            }
        }
        return forms
    }

    /// What of `forms` `bytes` holds, as "<place> holds <form>".
    public static func leaks(_ bytes: Data, in place: String) -> [String] {
        forms.filter { bytes.range(of: $0.bytes) != nil }.map { "\(place) holds \($0.name)" }
    }

    /// The distinct markers to look for in every output: each value's runs of letters, digits and `-`
    /// that contain `PLANTED`.
    public static let markers: [String] = Array(
        Set(
            values.flatMap { value in
                value.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }.map(String.init)
                    .filter { $0.contains("PLANTED") }
            }
        )
    ).sorted()

    static func json(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
    }

    static func metadata(
        _ name: String,
        _ namespace: String?,
        annotations: [String: String] = [:],
        labels: [String: String] = [:]
    )
        -> [String: Any]
    {
        var metadata: [String: Any] = ["name": name, "uid": UUID().uuidString.lowercased(), "resourceVersion": "1"]
        if let namespace { metadata["namespace"] = namespace }
        if !annotations.isEmpty { metadata["annotations"] = annotations }
        if !labels.isEmpty { metadata["labels"] = labels }
        metadata["creationTimestamp"] = "2026-10-01T00:00:00Z"
        return metadata
    }

    public static var objects: [Data] {
        [
            json([
                "apiVersion": "v1", "kind": "Pod",
                "metadata": metadata(
                    "kube-apiserver-cp-2",
                    "kube-system",
                    annotations: ["example.com/db": "https://admin:PLANTED-ANNOTATION-URL@db.example.com"],
                    labels: ["component": "kube-apiserver", "tier": "control-plane"]
                ),
                "spec": [
                    "nodeName": "cp-1",
                    "containers": [
                        [
                            "name": "kube-apiserver", "image": "registry.k8s.io/kube-apiserver:v1.30.6",
                            "command": [
                                "kube-apiserver", "--oidc-client-secret=PLANTED-OIDC-CLIENT-SECRET",
                                "--etcd-password=PLANTED-ETCD-PASSWORD", "--token", "PLANTED-NEXT-ARG-TOKEN",
                                "--audit-log-path=/var/log/audit.log", "--audit-policy-file=/etc/audit.yaml",
                                "--audit-log-maxage=30", "--encryption-provider-config=/etc/enc.yaml",
                                "--token-auth-file=/etc/kubernetes/tokens.csv", "--enable-bootstrap-token-auth=true",
                            ],
                            "env": [
                                ["name": "OIDC_CLIENT_SECRET", "value": "PLANTED-APISERVER-ENV"],
                                ["name": "AUTH_HEADER", "value": "Bearer PLANTED-BEARER-HEADER"],
                                ["name": "SIGNING_KEY", "value": pem],
                                ["name": "DB_URL", "value": "AKIAPLANTEDAWSKEYIDX"],
                                [
                                    "name": "SESSION",
                                    "value": "eyJhbGciOiJIUzI1NiJ9PLANTED.eyJzdWIiOiJQTEFOVEVEIn0PLANTED.sigPLANTEDJWT",
                                ],
                                ["name": "GH", "value": "ghp_PLANTEDGITHUBTOKEN0123456789abcdefghij"],
                                ["name": "CHAT", "value": "xoxb-PLANTED-SLACK-123456"],
                                ["name": "DATABASE", "value": "postgres://app:PLANTED-URL-PASSWORD@db:5432/app"],
                                ["name": "SECRET_KEY_PATH", "value": "/etc/ml_secret_key"],
                                ["name": "TOKEN_FILE", "value": "/var/run/secrets/token"],
                                ["name": "ENABLE_TOKEN_AUTH", "value": "true"],
                                ["name": "TOKEN_TTL", "value": "3600"],
                            ],
                        ]
                    ],
                ],
            ]),
            json([
                "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
                "metadata": metadata(
                    "planted-annotations",
                    "default",
                    annotations: [
                        "kapp.k14s.io/original": #"{"kind":"Secret","data":{"k":"PLANTED-KAPP-ORIGINAL"}}"#,
                        "example.com/note": "PLANTED-SECRET-ANNOTATION",
                        "kubernetes.io/service-account.name": "kept-service-account",
                    ]
                ),
                "data": ["k": Data("x".utf8).base64EncodedString()],
            ]),
            json([
                "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
                "metadata": metadata(
                    "planted-duplicate-keys",
                    "default",
                    annotations: [
                        "kubectl.kubernetes.io/last-applied-configuration":
                            #"{"kind":"Secret","data":{"k":"eA=="},"data":"PLANTED-DUPLICATE-KEY"}"#
                    ]
                ),
            ]),
            json([
                "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
                "metadata": metadata(
                    "planted-trailing-text",
                    "default",
                    annotations: [
                        "kubectl.kubernetes.io/last-applied-configuration": #"{"kind":"Secret"} PLANTED-TRAILING-TEXT"#
                    ]
                ),
            ]),
            json([
                "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
                "metadata": metadata(
                    "planted-yaml-last-applied",
                    "default",
                    annotations: [
                        "kubectl.kubernetes.io/last-applied-configuration":
                            "kind: Secret\ndata:\n  k: PLANTED-YAML-LAST-APPLIED\n"
                    ]
                ),
            ]),
            json([
                "apiVersion": "external-secrets.io/v1", "kind": "SecretStore",
                "metadata": metadata("planted-webhook-store", "default"),
                "spec": [
                    "provider": [
                        "webhook": [
                            "url": "https://user:PLANTED-STORE-URL@vault.example.com/get",
                            "headers": ["Authorization": "Bearer PLANTED-WEBHOOK-HEADER"],
                        ]
                    ]
                ],
            ]),
            json([
                "apiVersion": "external-secrets.io/v1", "kind": "ClusterSecretStore",
                "metadata": metadata("planted-fake-store", nil),
                "spec": ["provider": ["fake": ["data": [["key": "db", "value": "PLANTED-FAKE-PROVIDER"]]]]],
            ]),
            json([
                "apiVersion": "external-secrets.io/v1", "kind": "ExternalSecret",
                "metadata": metadata("planted-template", "default"),
                "spec": [
                    "secretStoreRef": ["name": "planted-webhook-store", "kind": "SecretStore"],
                    "target": ["template": ["data": ["config": "PLANTED-TEMPLATE-DATA"]]],
                ],
            ]),
            json([
                "apiVersion": "kyverno.io/v1", "kind": "ClusterPolicy",
                "metadata": metadata("planted-variable", nil),
                "spec": [
                    "validationFailureAction": "Audit",
                    "rules": [
                        [
                            "name": "call-out",
                            "match": ["any": [["resources": ["kinds": ["Pod"]]]]],
                            "context": [["name": "apikey", "variable": ["value": "PLANTED-KYVERNO-VARIABLE"]]],
                            "validate": ["message": "m", "pattern": ["metadata": ["name": "?*"]]],
                        ]
                    ],
                ],
            ]),
            json([
                "apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingWebhookConfiguration",
                "metadata": metadata("planted-hook", nil),
                "webhooks": [
                    [
                        "name": "planted.example.com", "admissionReviewVersions": ["v1"], "sideEffects": "None",
                        "failurePolicy": "Fail",
                        "clientConfig": ["url": "https://hook:PLANTED-HOOK-URL@hooks.example.com/validate"],
                    ]
                ],
            ]),
            json([
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": metadata("planted-config", "default"),
                "data": [
                    "application.properties":
                        "db.url=jdbc:postgresql://db/app\ndb.password=PLANTED-PROPERTIES-PASSWORD\n",
                    "signing.pem": pem,
                    "TOKEN_FILE": "/var/run/secrets/token",
                ],
                "binaryData": ["keystore": Data("PLANTED-BINARY-DATA".utf8).base64EncodedString()],
            ]),
        ]
    }

    /// The sample cluster with the planted objects.
    public static func store() throws -> ClusterStore {
        try ClusterStore.sample().adding(objectsJSON: objects)
    }
}
