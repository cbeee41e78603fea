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
