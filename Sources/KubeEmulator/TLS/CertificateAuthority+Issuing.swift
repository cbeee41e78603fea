import Crypto
import Foundation
import SwiftASN1
import X509
import _CryptoExtras

extension CertificateAuthority {
    /// A serving certificate and its key (both PEM) for the emulator's listener.
    func servingCertificate(_ mode: ServingCertificate, host: String) throws -> (certificatePEM: String, keyPEM: String)
    {
        let key = P256.Signing.PrivateKey()
        let now = Date()
        var names: [GeneralName] = []
        var notBefore = now.addingTimeInterval(-3600)
        var notAfter = now.addingTimeInterval(365 * 86400)
        switch mode {
        case .valid:
            names = [.dnsName("localhost"), .dnsName("kubernetes"), .dnsName("kubernetes.default")]
            names += Self.ipAddressNames(["127.0.0.1", "::1", host])
            if Self.ipAddressBytes(host) == nil && host != "localhost" {
                names.append(.dnsName(host))
            }
        case .expired:
            names = [.dnsName("localhost")] + Self.ipAddressNames(["127.0.0.1", "::1", host])
            notBefore = now.addingTimeInterval(-30 * 86400)
            notAfter = now.addingTimeInterval(-86400)
        case .wrongHostname(let name):
            names = [.dnsName(name)]
        }
        let certificate = try issue(
            subject: try DistinguishedName { CommonName("kube-apiserver") },
            publicKey: Certificate.PublicKey(key.publicKey),
            notBefore: notBefore,
            notAfter: notAfter,
            extensions: try Certificate.Extensions {
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
            }
        )
        return (try certificate.serializeAsPEM().pemString, key.pemRepresentation)
    }

    /// A client certificate for `username` in `groups` (CN and O, as Kubernetes reads them), with its key.
    func clientCertificate(
        username: String,
        groups: [String],
        keyFormat: ClientKeyFormat
    ) throws
        -> (certificatePEM: String, privateKeyPEM: String)
    {
        let publicKey: Certificate.PublicKey
        let keyPEM: String
        switch keyFormat {
        case .pkcs8, .ecSEC1:
            let key = P256.Signing.PrivateKey()
            publicKey = Certificate.PublicKey(key.publicKey)
            keyPEM = keyFormat == .pkcs8 ? key.pemRepresentation : try Self.sec1PEM(key)
        case .rsaPKCS1:
            let key: _RSA.Signing.PrivateKey
            do {
                key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            } catch {
                throw KubeEmulatorError.certificateGeneration(reason: "RSA key: \(error)")
            }
            publicKey = Certificate.PublicKey(key.publicKey)
            keyPEM = key.pemRepresentation
        }
        var rdns = groups.map {
            RelativeDistinguishedName(.init(type: .RDNAttributeType.organizationName, utf8String: $0))
        }
        rdns.append(RelativeDistinguishedName(.init(type: .RDNAttributeType.commonName, utf8String: username)))
        let now = Date()
        let certificate = try issue(
            subject: DistinguishedName(rdns),
            publicKey: publicKey,
            notBefore: now.addingTimeInterval(-3600),
            notAfter: now.addingTimeInterval(365 * 86400),
            extensions: try Certificate.Extensions {
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.clientAuth])
            }
        )
        return (try certificate.serializeAsPEM().pemString, keyPEM)
    }

    /// Reads CN (user) and O (groups) from a client certificate, as Kubernetes' x509 authenticator does.
    static func identity(ofClientCertificateDER der: [UInt8]) -> UserInfo? {
        guard let certificate = try? Certificate(derEncoded: der) else { return nil }
        var username: String?
        var groups: [String] = []
        for rdn in certificate.subject {
            for attribute in rdn {
                if attribute.type == .RDNAttributeType.commonName {
                    username = String(attribute.value)
                } else if attribute.type == .RDNAttributeType.organizationName, let group = String(attribute.value) {
                    groups.append(group)
                }
            }
        }
        return username.map { UserInfo(username: $0, groups: groups) }
    }

    /// An EC key in SEC 1 form ("EC PRIVATE KEY"), which swift-crypto does not write itself.
    static func sec1PEM(_ key: P256.Signing.PrivateKey) throws -> String {
        var serializer = DER.Serializer()
        do {
            try serializer.appendConstructedNode(identifier: .sequence) { sequence in
                try sequence.serialize(1)
                try sequence.serialize(ASN1OctetString(contentBytes: ArraySlice(key.rawRepresentation)))
                try sequence.serialize(explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific) { tagged in
                    let prime256v1: ASN1ObjectIdentifier = [1, 2, 840, 10045, 3, 1, 7]
                    try tagged.serialize(prime256v1)
                }
                try sequence.serialize(explicitlyTaggedWithTagNumber: 1, tagClass: .contextSpecific) { tagged in
                    try tagged.serialize(ASN1BitString(bytes: ArraySlice(key.publicKey.x963Representation)))
                }
            }
        } catch {
            throw KubeEmulatorError.certificateGeneration(reason: "SEC 1 key encoding: \(error)")
        }
        return PEMDocument(type: "EC PRIVATE KEY", derBytes: serializer.serializedBytes).pemString
    }

    private static func ipAddressNames(_ hosts: [String]) -> [GeneralName] {
        var seen = Set<[UInt8]>()
        return hosts.compactMap { host in
            guard let bytes = ipAddressBytes(host), seen.insert(bytes).inserted else { return nil }
            return .ipAddress(ASN1OctetString(contentBytes: ArraySlice(bytes)))
        }
    }

    /// The bytes of an IPv4 or IPv6 literal, or nil for a host name.
    static func ipAddressBytes(_ host: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, host, &v6) == 1 {
            return withUnsafeBytes(of: &v6) { Array($0) }
        }
        return nil
    }
}
