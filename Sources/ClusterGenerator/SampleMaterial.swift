import Foundation
import KubeEmulator

/// Real data the generator reuses from the sample cluster: the cluster CA, two issued certificates with their
/// CSRs, the CVE entries of the VulnerabilityReports and the Kyverno ClusterPolicies.
struct SampleMaterial: Sendable {
    /// A certificate from a CertificateRequest: `status.certificate`, `status.ca`, `spec.request` (base64 PEM).
    struct CertificateRequestFields: Sendable {
        var certificate: String
        var ca: String
        var request: String
        var notBefore: String
        var notAfter: String
    }

    /// The cluster CA PEM (ConfigMap `kube-root-ca.crt`).
    let clusterCA: String
    /// Valid until 2031 (payments/payments-api-tls-1).
    let validCertificate: CertificateRequestFields
    /// Expired on 2025-06-30 (legacy/legacy-portal-tls-2).
    let expiredCertificate: CertificateRequestFields
    /// Distinct `report.vulnerabilities` entries of the sample's VulnerabilityReports.
    let vulnerabilities: [JSONValue]
    /// The sample's Kyverno ClusterPolicies.
    let clusterPolicies: [JSONValue]

    init(_ store: ClusterStore) throws {
        let rootCA = try Self.object(store, "", "configmaps", "default", "kube-root-ca.crt")
        guard let pem = rootCA["data"]?["ca.crt"]?.stringValue else {
            throw Self.missing("ConfigMap default/kube-root-ca.crt data.ca.crt")
        }
        self.clusterCA = pem
        self.validCertificate = try Self.issued(
            store,
            namespace: "payments",
            name: "payments-api-tls-1",
            notBefore: "2026-03-10T08:12:40Z",
            notAfter: "2031-03-09T08:12:40Z"
        )
        self.expiredCertificate = try Self.issued(
            store,
            namespace: "legacy",
            name: "legacy-portal-tls-2",
            notBefore: "2025-04-01T12:00:00Z",
            notAfter: "2025-06-30T12:00:00Z"
        )
        var seen: Set<String> = []
        var vulnerabilities: [JSONValue] = []
        for report in try Self.objects(store, "aquasecurity.github.io", "vulnerabilityreports") {
            for entry in report["report"]?["vulnerabilities"]?.arrayValue ?? [] {
                guard let id = entry["vulnerabilityID"]?.stringValue, seen.insert(id).inserted else { continue }
                vulnerabilities.append(entry)
            }
        }
        guard !vulnerabilities.isEmpty else { throw Self.missing("VulnerabilityReports with vulnerabilities") }
        self.vulnerabilities = vulnerabilities
        let policies = try Self.objects(store, "kyverno.io", "clusterpolicies")
        guard !policies.isEmpty else { throw Self.missing("Kyverno ClusterPolicies") }
        self.clusterPolicies = policies
    }

    private static func issued(
        _ store: ClusterStore,
        namespace: String,
        name: String,
        notBefore: String,
        notAfter: String
    ) throws -> CertificateRequestFields {
        let object = try object(store, "cert-manager.io", "certificaterequests", namespace, name)
        guard let certificate = object["status"]?["certificate"]?.stringValue,
            let ca = object["status"]?["ca"]?.stringValue,
            let request = object["spec"]?["request"]?.stringValue
        else { throw missing("CertificateRequest \(namespace)/\(name) with status.certificate") }
        return CertificateRequestFields(
            certificate: certificate,
            ca: ca,
            request: request,
            notBefore: notBefore,
            notAfter: notAfter
        )
    }

    private static func object(
        _ store: ClusterStore,
        _ group: String,
        _ resource: String,
        _ namespace: String,
        _ name: String
    ) throws -> JSONValue {
        let found = try objects(store, group, resource).first { object in
            object["metadata"]?["namespace"]?.stringValue ?? "" == namespace
                && object["metadata"]?["name"]?.stringValue == name
        }
        guard let found else { throw missing("\(resource) \(namespace)/\(name)") }
        return found
    }

    /// The store's objects of a type, as a GET returns them (apiVersion and kind included).
    private static func objects(_ store: ClusterStore, _ group: String, _ resource: String) throws -> [JSONValue] {
        try store.objects(group: group, resource: resource).map { data in
            guard let object = (try? JSONSerialization.jsonObject(with: data)).flatMap({ JSONValue(any: $0) }) else {
                throw missing("a readable \(resource) object")
            }
            return object
        }
    }

    private static func missing(_ what: String) -> KubeEmulatorError {
        .invalidObject(
            source: "SampleCluster",
            reason: "the cluster generator reuses \(what) from the sample cluster, and it is gone; restore it in "
                + "Sources/KubeEmulator/SampleCluster/objects"
        )
    }
}
