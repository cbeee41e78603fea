import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

/// A throwaway certificate authority: signs the serving certificate and client certificates.
struct CertificateAuthority: Sendable {
    let certificate: Certificate
    let privateKey: P256.Signing.PrivateKey

    /// A new CA, valid from an hour ago for ten years.
    init(commonName: String = "auditpack-emulator-ca") throws {
        let key = P256.Signing.PrivateKey()
        let signingKey = Certificate.PrivateKey(key)
        let name = try DistinguishedName { CommonName(commonName) }
        let now = Date()
        do {
            self.certificate = try Certificate(
                version: .v3,
                serialNumber: Self.serialNumber(),
                publicKey: signingKey.publicKey,
                notValidBefore: now.addingTimeInterval(-3600),
                notValidAfter: now.addingTimeInterval(10 * 365 * 86400),
                issuer: name,
                subject: name,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: try Certificate.Extensions {
                    Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                    Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
                    SubjectKeyIdentifier(hash: signingKey.publicKey)
                },
                issuerPrivateKey: signingKey
            )
        } catch {
            throw KubeEmulatorError.certificateGeneration(reason: "CA: \(error)")
        }
        self.privateKey = key
    }

    /// The CA certificate as PEM.
    var certificatePEM: String {
        (try? certificate.serializeAsPEM().pemString) ?? ""
    }

    /// Signs a certificate for `publicKey`.
    func issue(
        subject: DistinguishedName,
        publicKey: Certificate.PublicKey,
        notBefore: Date,
        notAfter: Date,
        extensions: Certificate.Extensions
    ) throws -> Certificate {
        var extensions = extensions
        do {
            let authorityKey = AuthorityKeyIdentifier(
                keyIdentifier: SubjectKeyIdentifier(hash: certificate.publicKey).keyIdentifier
            )
            try extensions.append(Certificate.Extension(authorityKey, critical: false))
            return try Certificate(
                version: .v3,
                serialNumber: Self.serialNumber(),
                publicKey: publicKey,
                notValidBefore: notBefore,
                notValidAfter: notAfter,
                issuer: certificate.subject,
                subject: subject,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions,
                issuerPrivateKey: Certificate.PrivateKey(privateKey)
            )
        } catch {
            throw KubeEmulatorError.certificateGeneration(reason: "\(error)")
        }
    }

    /// A positive 16-byte serial number (Go rejects negative and over-long ones).
    private static func serialNumber() -> Certificate.SerialNumber {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255) }
        bytes[0] = (bytes[0] & 0x7F) | 0x01
        return Certificate.SerialNumber(bytes: bytes)
    }
}
