import Foundation
import KubeEmulator

extension GenerationRun {
    static let certManagerAPI = "cert-manager.io/v1"

    /// How a generated Certificate is doing.
    private enum CertificateState {
        /// Issued with the sample's PEM that is valid until 2031.
        case valid
        /// Issued with the sample's PEM that expired on 2025-06-30.
        case expired
        /// Waiting for its first issuance (no Secret, pending CertificateRequest without a PEM).
        case issuing
    }

    /// A cert-manager Certificate for the namespace's first app and its CertificateRequest. About 90% are valid,
    /// 5% expired, 5% still issuing. The PEMs and CSRs are the sample's real ones.
    mutating func emitCertificate(_ plan: NamespacePlan, _ rng: inout SplitMix64) throws {
        let name = "\(plan.team)-tls"
        let host = plan.apps.first?.name ?? plan.team
        let dnsNames = [
            "\(host).\(plan.name).svc", "\(host).\(plan.name).svc.cluster.local", "\(plan.name).acme.example",
        ]
        let acme = rng.percent(20)
        let issuerRef: JSONValue = [
            "group": "cert-manager.io", "kind": "ClusterIssuer", "name": acme ? "letsencrypt-prod" : "internal-ca",
        ]
        let duration = acme ? "2160h0m0s" : "43800h0m0s"
        let roll = rng.below(100)
        let state: CertificateState = roll < 90 ? .valid : roll < 95 ? .expired : .issuing
        let created = plan.created.adding(seconds: 180)
        let issued = created.adding(seconds: 3)
        let revision = state == .issuing ? 1 : 1 + rng.below(2)
        let certificateUID = rng.uuid()
        let specification: JSONValue = [
            "commonName": .string(dnsNames[0]), "dnsNames": .strings(dnsNames), "duration": .string(duration),
            "issuerRef": issuerRef, "privateKey": ["algorithm": "ECDSA", "rotationPolicy": "Always", "size": 256],
            "renewBefore": "720h0m0s", "secretName": .string(name),
            "usages": ["server auth", "digital signature", "key encipherment"],
        ]
        func condition(_ type: String, _ ok: Bool, _ reason: String, _ message: String) -> JSONValue {
            [
                "lastTransitionTime": .string(issued.text), "message": .string(message), "observedGeneration": 1,
                "reason": .string(reason), "status": ok ? "True" : "False", "type": .string(type),
            ]
        }
        let status: JSONValue
        switch state {
        case .valid:
            let certificate = material.validCertificate
            status = [
                "conditions": [condition("Ready", true, "Ready", "Certificate is up to date and has not expired")],
                "notAfter": .string(certificate.notAfter), "notBefore": .string(certificate.notBefore),
                "renewalTime": "2031-02-07T08:12:40Z", "revision": .int(revision),
            ]
        case .expired:
            let certificate = material.expiredCertificate
            let message = "Certificate expired on Mon, 30 Jun 2025 12:00:00 UTC"
            status = [
                "conditions": [
                    condition("Ready", false, "Expired", message), condition("Issuing", true, "Expired", message),
                ],
                "nextPrivateKeySecretName": .string("\(name)-\(rng.suffix(5))"),
                "notAfter": .string(certificate.notAfter), "notBefore": .string(certificate.notBefore),
                "renewalTime": "2025-05-31T12:00:00Z", "revision": .int(revision),
            ]
        case .issuing:
            let message = "Issuing certificate as Secret does not exist"
            status = [
                "conditions": [
                    condition("Issuing", true, "DoesNotExist", message),
                    condition("Ready", false, "DoesNotExist", message),
                ],
                "nextPrivateKeySecretName": .string("\(name)-\(rng.suffix(5))"),
            ]
        }
        try emit([
            "apiVersion": .string(Self.certManagerAPI), "kind": "Certificate",
            "metadata": metadata(
                name,
                namespace: plan.name,
                uid: certificateUID,
                created: created,
                generation: 1,
                managedFields: [
                    ManagedFields.entry(
                        manager: "argocd-controller",
                        apiVersion: Self.certManagerAPI,
                        time: created,
                        fields: ["spec": specification]
                    ),
                    ManagedFields.entry(
                        manager: "cert-manager-certificates-readiness",
                        apiVersion: Self.certManagerAPI,
                        time: issued,
                        subresource: "status",
                        fields: ["status": status]
                    ),
                ]
            ),
            "spec": specification,
            "status": status,
        ])
        try emitCertificateRequest(
            plan,
            certificate: (name, certificateUID),
            revision: revision,
            state: state,
            issuerRef: issuerRef,
            duration: duration,
            created: created.adding(seconds: 1),
            &rng
        )
    }

    private mutating func emitCertificateRequest(
        _ plan: NamespacePlan,
        certificate: (name: String, uid: String),
        revision: Int,
        state: CertificateState,
        issuerRef: JSONValue,
        duration: String,
        created: GeneratedTime,
        _ rng: inout SplitMix64
    ) throws {
        let issuedPEM = state == .expired ? material.expiredCertificate : material.validCertificate
        let approved: JSONValue = [
            "lastTransitionTime": .string(created.text),
            "message": "Certificate request has been approved by cert-manager.io", "reason": "cert-manager.io",
            "status": "True", "type": "Approved",
        ]
        let status: JSONValue
        if state == .issuing {
            let ready: JSONValue = [
                "lastTransitionTime": .string(created.text),
                "message": .string(
                    "Waiting on certificate issuance from order \(plan.name)/\(certificate.name)-1: \"pending\""
                ),
                "reason": "Pending", "status": "False", "type": "Ready",
            ]
            status = ["conditions": [approved, ready]]
        } else {
            let ready: JSONValue = [
                "lastTransitionTime": .string(created.adding(seconds: 1).text),
                "message": "Certificate fetched from issuer successfully", "reason": "Issued", "status": "True",
                "type": "Ready",
            ]
            status = [
                "ca": .string(issuedPEM.ca), "certificate": .string(issuedPEM.certificate),
                "conditions": [approved, ready],
            ]
        }
        let specification: JSONValue = [
            "duration": .string(duration),
            "extra": ["authentication.kubernetes.io/credential-id": [.string("JTI=\(rng.uuid())")]],
            "groups": ["system:serviceaccounts", "system:serviceaccounts:cert-manager", "system:authenticated"],
            "issuerRef": issuerRef, "request": .string(issuedPEM.request),
            "uid": "8dd2832e-8d69-43bd-a76b-e8244a0302a7",
            "usages": ["server auth", "digital signature", "key encipherment"],
            "username": "system:serviceaccount:cert-manager:cert-manager",
        ]
        let owner = Self.owner(
            apiVersion: Self.certManagerAPI,
            kind: "Certificate",
            name: certificate.name,
            uid: certificate.uid
        )
        let annotations = [
            "cert-manager.io/certificate-name": certificate.name,
            "cert-manager.io/certificate-revision": String(revision),
            "cert-manager.io/private-key-secret-name": "\(certificate.name)-\(rng.suffix(5))",
        ]
        try emit([
            "apiVersion": .string(Self.certManagerAPI), "kind": "CertificateRequest",
            "metadata": metadata(
                "\(certificate.name)-\(revision)",
                namespace: plan.name,
                uid: rng.uuid(),
                created: created,
                annotations: annotations,
                owner: owner,
                generation: 1,
                managedFields: [
                    ManagedFields.entry(
                        manager: "cert-manager-certificates-request-manager",
                        apiVersion: Self.certManagerAPI,
                        time: created,
                        fields: [
                            "metadata": ["annotations": .map(annotations), "ownerReferences": [owner]],
                            "spec": specification,
                        ]
                    )
                ]
            ),
            "spec": specification,
            "status": status,
        ])
    }
}
