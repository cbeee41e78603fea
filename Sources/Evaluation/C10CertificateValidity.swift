import AuditPackCore
import Foundation

/// C10: cert-manager certificates are Ready, not expired, not close to expiry, and their status agrees
/// with the certificate actually issued.
struct CertificateValidity: ControlEvaluator {
    let controlID = "C10"

    func evaluate(_ evidence: EvidenceSet, policy: EvaluationPolicy, now: Date) -> ControlResult {
        if let missing = evidence.missing(["C10"]) { return .notAssessed(controlID, reason: missing) }
        let warningDays = policy.number(.c10ExpiryWarningDays)
        let issued = Self.issued(evidence)
        var findings: [Finding] = []
        evidence.forEachItem("C10") { certificate in
            let ref = K8s.ref(certificate, kind: "Certificate")
            let label = "\(ref.namespace ?? "")/\(ref.name)"
            let statusNotAfter = ((certificate["status"] as? [String: Any])?["notAfter"] as? String).flatMap(
                Timestamp.parse
            )
            let pem = issued["\(ref.namespace ?? "")/\(ref.name)"]
            if K8s.condition(certificate, "Ready") != true {
                findings.append(
                    policy.finding(
                        "C10.certificate-not-ready",
                        object: ref,
                        message: "Certificate \(label) is not Ready: it is not (re)issued."
                    )
                )
            }
            if let pem, let statusNotAfter, abs(pem.timeIntervalSince(statusNotAfter)) > 1 {
                findings.append(
                    policy.finding(
                        "C10.notafter-mismatch",
                        object: ref,
                        message:
                            "Certificate \(label) says notAfter \(Timestamp.format(statusNotAfter)) but the issued "
                            + "certificate expires \(Timestamp.format(pem))."
                    )
                )
            }
            guard let expiry = pem ?? statusNotAfter else { return }
            if expiry <= now {
                findings.append(
                    policy.finding(
                        "C10.certificate-expired",
                        object: ref,
                        message: "Certificate \(label) expired on \(Timestamp.format(expiry))."
                    )
                )
            } else if expiry.timeIntervalSince(now) < warningDays * 86_400 {
                let days = Int(expiry.timeIntervalSince(now) / 86_400)
                findings.append(
                    policy.finding(
                        "C10.certificate-expiring",
                        object: ref,
                        message: "Certificate \(label) expires in \(days) days (\(Timestamp.format(expiry)))."
                    )
                )
            }
        }
        return ControlResult(id: controlID, findings: findings)
    }

    /// The latest notAfter of the certificates issued for each Certificate (`namespace/name`), parsed from
    /// its CertificateRequests' `status.certificate` PEM.
    static func issued(_ evidence: EvidenceSet) -> [String: Date] {
        var latest: [String: Date] = [:]
        evidence.forEachItem("C10b") { request in
            let annotations = K8s.metadata(request)["annotations"] as? [String: Any] ?? [:]
            guard let owner = annotations["cert-manager.io/certificate-name"] as? String,
                let encoded = (request["status"] as? [String: Any])?["certificate"] as? String,
                let certificate = try? IssuedCertificate(certificateRequestStatus: encoded)
            else { return }
            let key = "\(K8s.namespace(request) ?? "")/\(owner)"
            latest[key] = max(latest[key] ?? .distantPast, certificate.notAfter)
        }
        return latest
    }
}
