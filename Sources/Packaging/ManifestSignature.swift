import AuditPackCore
import Crypto
import Foundation

/// The signature files that sit next to manifest.json in a signed package.
public struct ManifestSignature: Sendable {
    /// `manifest.sig`: the raw 64-byte Ed25519 signature over the manifest bytes (openssl pkeyutl -rawin).
    public var raw: Data
    /// `manifest.json.minisig`: the same signature in minisign's legacy `Ed` format.
    public var minisign: String
    /// `attestation.intoto.json`: a DSSE envelope around an in-toto Statement v1.
    public var attestation: Data
    /// `signer.pub.pem`: informational; trust comes from the key the verifier supplies.
    public var signerPublicKeyPEM: String

    public static let fileNames = [
        "attestation.intoto.json", "manifest.json.minisig", "manifest.sig", "signer.pub.pem",
    ]

    /// Signs `manifestData` and attests the evidence files it lists.
    public static func sign(manifestData: Data, manifest: Manifest, key: SigningKey) throws -> ManifestSignature {
        let raw = try key.privateKey.signature(for: manifestData)
        let minisign = try Minisign.signature(
            message: manifestData,
            raw: raw,
            key: key,
            trustedComment: Minisign.trustedComment(for: manifest)
        )
        let statement = InToto.statement(for: manifest)
        let attestation = try DSSE.envelope(payload: statement, payloadType: DSSE.inTotoPayloadType, key: key)
        return ManifestSignature(
            raw: raw,
            minisign: minisign,
            attestation: attestation,
            signerPublicKeyPEM: key.publicKey.pemRepresentation + "\n"
        )
    }
}

/// minisign's file formats (legacy `Ed`: the signature is over the message itself).
public enum Minisign {
    /// The 8-byte key id: the first bytes of the key's fingerprint (little-endian as minisign prints it).
    public static func keyID(_ key: Curve25519.Signing.PublicKey) -> [UInt8] {
        Array(SHA256.hash(data: key.rawRepresentation).prefix(8))
    }

    /// The public key line `minisign -P` takes.
    public static func publicKey(_ key: Curve25519.Signing.PublicKey) -> String {
        (Data("Ed".utf8) + Data(keyID(key)) + key.rawRepresentation).base64EncodedString()
    }

    static func signature(message: Data, raw: Data, key: SigningKey, trustedComment: String) throws -> String {
        let id = keyID(key.publicKey)
        let signatureLine = (Data("Ed".utf8) + Data(id) + raw).base64EncodedString()
        let global = try key.privateKey.signature(for: raw + Data(trustedComment.utf8))
        let idText = id.reversed().map { String(format: "%02X", $0) }.joined()
        return """
            untrusted comment: auditpack manifest signature from key \(idText)
            \(signatureLine)
            trusted comment: \(trustedComment)
            \(global.base64EncodedString())

            """
    }
}

/// Dead Simple Signing Envelope (DSSE v1).
public enum DSSE {
    public static let inTotoPayloadType = "application/vnd.in-toto+json"

    /// The pre-authentication encoding that is signed: `DSSEv1 LEN(type) type LEN(body) body`.
    public static func pae(payloadType: String, payload: Data) -> Data {
        let type = Data(payloadType.utf8)
        return Data("DSSEv1 \(type.count) ".utf8) + type + Data(" \(payload.count) ".utf8) + payload
    }

    static func envelope(payload: Data, payloadType: String, key: SigningKey) throws -> Data {
        let signature = try key.privateKey.signature(for: pae(payloadType: payloadType, payload: payload))
        let envelope: [String: Any] = [
            "payloadType": payloadType, "payload": payload.base64EncodedString(),
            "signatures": [["keyid": key.fingerprint, "sig": signature.base64EncodedString()]],
        ]
        return try JSONSerialization.data(withJSONObject: envelope, options: [.prettyPrinted, .sortedKeys])
            + Data("\n".utf8)
    }
}

/// in-toto Statement v1 listing every evidence file as a subject.
public enum InToto {
    public static let predicateType = "https://auditpack.dev/evidence-package/v1"

    static func statement(for manifest: Manifest) -> Data {
        let subjects =
            (manifest.controls.map { ($0.file, $0.sha256) } + manifest.artifacts.map { ($0.file, $0.sha256) })
            .sorted { $0.0 < $1.0 }
            .map { ["name": $0.0, "digest": ["sha256": $0.1]] }
        let predicate: [String: Any] = [
            "package_id": manifest.packageID, "cluster_id": manifest.cluster.clusterID ?? NSNull(),
            "cluster_server": manifest.cluster.server, "collector": manifest.collector.username,
            "started_at": manifest.run.startedAt, "finished_at": manifest.run.finishedAt,
            "tool": "auditpack", "tool_version": manifest.run.toolVersion,
        ]
        let statement: [String: Any] = [
            "_type": "https://in-toto.io/Statement/v1", "subject": subjects, "predicateType": predicateType,
            "predicate": predicate,
        ]
        return
            (try? JSONSerialization.data(withJSONObject: statement, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
    }
}
