import AuditPackCore
import Crypto
import Foundation

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
