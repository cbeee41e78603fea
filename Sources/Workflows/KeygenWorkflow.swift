import AuditPackCore
import Crypto
import Foundation
import Packaging

/// `auditpack keygen`.
public enum KeygenWorkflow {
    public static func run(
        folder: URL,
        name: String
    ) throws -> (privateKey: URL, publicKey: URL, fingerprint: String, minisignPublicKey: String) {
        let key = SigningKey()
        let written = try key.write(folder: folder, name: name)
        return (written.privateKey, written.publicKey, key.fingerprint, Minisign.publicKey(key.publicKey))
    }
}
