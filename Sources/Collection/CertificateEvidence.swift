import AuditPackCore
import Crypto
import Foundation
import KubeAPI
import SwiftASN1
import X509

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
                let documents = try PEMDocument.parseMultiple(pemString: String(decoding: pemData, as: UTF8.self))
                guard let leafDocument = documents.first else { throw CertificateError.empty }
                let leaf = try Certificate(pemDocument: leafDocument)
                record.merge(describe(leaf, der: leafDocument.derBytes)) { $1 }
                record["chain_length"] = documents.count
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

    static func describe(_ certificate: Certificate, der: [UInt8]) -> [String: Any] {
        var dnsNames: [String] = []
        if let names = try? certificate.extensions.subjectAlternativeNames {
            for name in names {
                if case .dnsName(let dns) = name { dnsNames.append(dns) }
            }
        }
        let fingerprint = SHA256.hash(data: der).map { String(format: "%02x", $0) }.joined()
        return [
            "subject": certificate.subject.description, "issuer": certificate.issuer.description,
            "not_before": Timestamp.format(certificate.notValidBefore),
            "not_after": Timestamp.format(certificate.notValidAfter),
            "serial": certificate.serialNumber.description, "dns_names": dnsNames, "sha256_fingerprint": fingerprint,
        ]
    }

    enum CertificateError: Error, CustomStringConvertible {
        case empty
        var description: String { "no PEM block" }
    }
}
