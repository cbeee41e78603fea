import AuditPackCore
import Crypto
import Foundation

extension Minisign {
    /// A signature file is four short lines; anything much larger is not one.
    static let maxFileBytes = 4096

    /// The trusted comment AuditPack signs: it ties the minisig to this package.
    static func trustedComment(for manifest: Manifest) -> String {
        "package \(manifest.packageID) collected \(manifest.run.startedAt) by auditpack"
    }

    /// Checks a `manifest.json.minisig` the way `minisign -V` does (legacy `Ed` signatures): the signature
    /// line (algorithm, key id, signature over the message), the trusted comment, and the global signature
    /// over signature + trusted comment — all with `key`. Returns why it fails, or nil.
    static func problem(
        file: Data?,
        message: Data,
        key: Curve25519.Signing.PublicKey,
        trustedComment expected: String
    ) -> String? {
        guard let file, file.count <= maxFileBytes else {
            return "manifest.json.minisig is missing, unreadable or larger than \(maxFileBytes) bytes"
        }
        let text = String(decoding: file, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard lines.count == 4, lines[0].hasPrefix("untrusted comment: "), lines[2].hasPrefix("trusted comment: ")
        else { return "manifest.json.minisig is not a minisign signature file (four lines)" }
        guard let signatureLine = Data(base64Encoded: lines[1]), signatureLine.count == 74 else {
            return "manifest.json.minisig's signature line is not base64 of 74 bytes"
        }
        guard signatureLine.prefix(2) == Data("Ed".utf8) else {
            return "manifest.json.minisig uses an algorithm other than Ed (AuditPack signs the manifest itself)"
        }
        guard Array(signatureLine[2..<10]) == keyID(key) else {
            return "manifest.json.minisig names another key id than the signing key's"
        }
        let signature = Data(signatureLine[10..<74])
        guard key.isValidSignature(signature, for: message) else {
            return "manifest.json.minisig's signature does not verify for manifest.json with the signing key"
        }
        let comment = String(lines[2].dropFirst("trusted comment: ".count))
        guard let global = Data(base64Encoded: lines[3]), global.count == 64,
            key.isValidSignature(global, for: signature + Data(comment.utf8))
        else { return "manifest.json.minisig's global signature (over the trusted comment) does not verify" }
        guard comment == expected else {
            return "manifest.json.minisig's trusted comment \"\(comment)\" is not this package's (\"\(expected)\")"
        }
        return nil
    }
}
