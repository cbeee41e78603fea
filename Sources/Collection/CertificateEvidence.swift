import AuditPackCore
import Foundation
import KubeAPI

/// Every certificate cert-manager issued, read from CertificateRequests' `status.certificate` PEM and parsed
/// with swift-certificates: the real notAfter, subject, issuer and DNS names (what `openssl x509` shows).
enum CertificateEvidence {
    static func parsed(_ context: ItemContext) async throws -> ItemOutcome {
        let requests = try await context.fetch(ListKey(group: "cert-manager.io", resource: "certificaterequests")).get()
        var records: [[String: Any]] = []
        for request in ListFileReader(url: requests.file) {
            let metadata = request["metadata"] as? [String: Any] ?? [:]
            let annotations = metadata["annotations"] as? [String: Any] ?? [:]
            guard let encoded = (request["status"] as? [String: Any])?["certificate"] as? String,
                let pemData = Data(base64Encoded: encoded)
            else { continue }
            var record: [String: Any] = [
                "namespace": metadata["namespace"] as? String ?? "",
                "certificate_request": metadata["name"] as? String ?? "",
                "certificate": annotations["cert-manager.io/certificate-name"] as? String ?? NSNull(),
            ]
            do {
                let issued = try IssuedCertificate(pem: String(decoding: pemData, as: UTF8.self))
                record.merge(describe(issued)) { $1 }
            } catch {
                record["parse_error"] = "the PEM in status.certificate could not be parsed: \(error)"
            }
            records.append(record)
        }
        try context.writeJSON([
            "source": "cert-manager.io CertificateRequests status.certificate", "certificates": records,
        ])
        return ItemOutcome(
            status: .ok,
            command:
                "kubectl get certificaterequests -A -o jsonpath={.items[*].status.certificate} | base64 -d | openssl x509 -noout -subject -issuer -enddate",
            requests: [ItemOutcome.request(requests.summary)],
            itemCount: records.count,
            derivedFrom: ["C10b"]
        )
    }

    static func describe(_ certificate: IssuedCertificate) -> [String: Any] {
        [
            "subject": certificate.subject, "issuer": certificate.issuer,
            "not_before": Timestamp.format(certificate.notBefore), "not_after": Timestamp.format(certificate.notAfter),
            "serial": certificate.serial, "dns_names": certificate.dnsNames,
            "sha256_fingerprint": certificate.sha256Fingerprint, "chain_length": certificate.chainLength,
        ]
    }
}
