import Crypto
import Foundation
import SwiftASN1
import X509

/// The facts of an issued certificate (the first of a PEM bundle), as `openssl x509` would show them.
public struct IssuedCertificate: Sendable, Equatable {
    public var subject: String
    public var issuer: String
    public var notBefore: Date
    public var notAfter: Date
    public var serial: String
    public var dnsNames: [String]
    public var sha256Fingerprint: String
    public var chainLength: Int

    /// Parses PEM text; throws when there is no certificate in it.
    public init(pem: String) throws {
        let documents = try PEMDocument.parseMultiple(pemString: pem)
        guard let leafDocument = documents.first else { throw IssuedCertificateError.noCertificate }
        let leaf = try Certificate(pemDocument: leafDocument)
        var names: [String] = []
        if let alternatives = try? leaf.extensions.subjectAlternativeNames {
            for name in alternatives {
                if case .dnsName(let dns) = name { names.append(dns) }
            }
        }
        subject = leaf.subject.description
        issuer = leaf.issuer.description
        notBefore = leaf.notValidBefore
        notAfter = leaf.notValidAfter
        serial = leaf.serialNumber.description
        dnsNames = names
        sha256Fingerprint = Hashing.hex(SHA256.hash(data: leafDocument.derBytes))
        chainLength = documents.count
    }

    /// From a cert-manager CertificateRequest's `status.certificate` (base64 of PEM).
    public init(certificateRequestStatus base64: String) throws {
        guard let data = Data(base64Encoded: base64) else { throw IssuedCertificateError.notBase64 }
        try self.init(pem: String(decoding: data, as: UTF8.self))
    }
}
