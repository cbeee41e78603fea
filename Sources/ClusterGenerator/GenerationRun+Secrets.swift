import Foundation
import KubeEmulator

extension GenerationRun {
    static let externalSecretsAPI = "external-secrets.io/v1"
    /// The ClusterSecretStore every generated ExternalSecret uses (generated namespaces carry its selector label).
    static let tenantStore = "aws-secrets-manager-tenants"

    /// Objects shared by all generated namespaces: the tenants' ClusterSecretStore.
    mutating func emitSharedObjects() throws {
        var rng = SplitMix64(seed: spec.seed, stream: -1, purpose: 1)
        let created = GeneratedTime.firstNamespace.adding(seconds: -GeneratedTime.day)
        func secretRef(_ key: String) -> JSONValue {
            ["key": .string(key), "name": "awssm-credentials", "namespace": "external-secrets"]
        }
        try emit([
            "apiVersion": .string(Self.externalSecretsAPI), "kind": "ClusterSecretStore",
            "metadata": metadata(Self.tenantStore, uid: rng.uuid(), created: created, generation: 1),
            "spec": [
                "conditions": [["namespaceSelector": ["matchLabels": ["acme.example/tenant": "true"]]]],
                "provider": [
                    "aws": [
                        "auth": [
                            "secretRef": [
                                "accessKeyIDSecretRef": secretRef("access-key"),
                                "secretAccessKeySecretRef": secretRef("secret-access-key"),
                            ]
                        ],
                        "region": "eu-central-1", "service": "SecretsManager",
                    ]
                ],
                "refreshInterval": 0,
            ],
            "status": [
                "capabilities": "ReadOnly",
                "conditions": [
                    [
                        "lastTransitionTime": .string(GeneratedTime(day: 243, hour: 6, minute: 12).text),
                        "message": "store validated", "reason": "Valid", "status": "True", "type": "Ready",
                    ]
                ],
            ],
        ])
    }

    /// The namespace's credentials Secret (values carry the `PLANTED-SECRET` marker) and, in most namespaces,
    /// the ExternalSecret that syncs it.
    mutating func emitCredentials(_ plan: NamespacePlan, _ rng: inout SplitMix64) throws {
        let name = plan.credentialsSecret
        let created = plan.created.adding(seconds: 300)
        var data: [String: String] = [:]
        for key in ["username", "password", "api-key"] {
            let value = "PLANTED-SECRET-\(plan.name)-\(key)-\(rng.hex(5))"
            data[key] = Data(value.utf8).base64EncodedString()
        }
        var owner: JSONValue?
        var labels: [String: String] = [:]
        var annotations: [String: String] = [:]
        if plan.hasExternalSecret {
            let uid = rng.uuid()
            let synced = rng.percent(95)
            try emitExternalSecret(plan, uid: uid, synced: synced, created: created, &rng)
            owner = Self.owner(apiVersion: Self.externalSecretsAPI, kind: "ExternalSecret", name: name, uid: uid)
            labels = [
                "reconcile.external-secrets.io/created-by": rng.hex(56),
                "reconcile.external-secrets.io/managed": "true",
            ]
            annotations = ["reconcile.external-secrets.io/data-hash": rng.hex(32)]
        }
        let manager = plan.hasExternalSecret ? "external-secrets" : "kubectl-create"
        try emit([
            "apiVersion": "v1", "kind": "Secret",
            "metadata": metadata(
                name,
                namespace: plan.name,
                uid: rng.uuid(),
                created: created.adding(seconds: 4),
                labels: labels,
                annotations: annotations,
                owner: owner,
                managedFields: [
                    ManagedFields.entry(
                        manager: manager,
                        apiVersion: "v1",
                        time: created.adding(seconds: 4),
                        fields: ["data": .map(data), "type": "Opaque"]
                    )
                ]
            ),
            "data": .map(data), "immutable": false, "type": "Opaque",
        ])
    }

    private mutating func emitExternalSecret(
        _ plan: NamespacePlan,
        uid: String,
        synced: Bool,
        created: GeneratedTime,
        _ rng: inout SplitMix64
    ) throws {
        let name = plan.credentialsSecret
        let remoteKey = "\(plan.team)/\(plan.environment)/\(plan.name)/db"
        let data: [JSONValue] = ["username", "password", "api-key"].map { key in
            [
                "remoteRef": [
                    "conversionStrategy": "Default", "decodingStrategy": "None", "key": .string(remoteKey),
                    "metadataPolicy": "None", "property": .string(key),
                ],
                "secretKey": .string(key),
            ]
        }
        let specification: JSONValue = [
            "data": .array(data), "refreshInterval": "1h0m0s", "refreshPolicy": "Periodic",
            "secretStoreRef": ["kind": "ClusterSecretStore", "name": .string(Self.tenantStore)],
            "target": ["creationPolicy": "Owner", "deletionPolicy": "Retain", "name": .string(name)],
        ]
        let condition: JSONValue =
            synced
            ? [
                "lastTransitionTime": .string(created.adding(seconds: 4).text), "message": "secret synced",
                "reason": "SecretSynced", "status": "True", "type": "Ready",
            ]
            : [
                "lastTransitionTime": .string(GeneratedTime(day: 298, hour: rng.below(24)).text),
                "message": "could not get secret data from provider", "reason": "SecretSyncedError",
                "status": "False", "type": "Ready",
            ]
        var status: JSONValue = [
            "binding": ["name": .string(name)], "conditions": [condition],
            "refreshTime": .string(GeneratedTime.snapshot.adding(seconds: -rng.below(3_600)).text),
        ]
        if synced { status["syncedResourceVersion"] = .string("1-\(rng.hex(32))") }
        try emit([
            "apiVersion": .string(Self.externalSecretsAPI), "kind": "ExternalSecret",
            "metadata": metadata(
                name,
                namespace: plan.name,
                uid: uid,
                created: created,
                generation: 1,
                managedFields: [
                    ManagedFields.entry(
                        manager: "argocd-controller",
                        apiVersion: Self.externalSecretsAPI,
                        time: created,
                        fields: ["spec": specification]
                    ),
                    ManagedFields.entry(
                        manager: "external-secrets",
                        apiVersion: Self.externalSecretsAPI,
                        time: created.adding(seconds: 4),
                        subresource: "status",
                        fields: ["status": status]
                    ),
                ]
            ),
            "spec": specification,
            "status": status,
        ])
    }
}
