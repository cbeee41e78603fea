import AuditPackCore
import Crypto
import CryptoExtras
import Foundation

extension PackageVerifier {
    typealias SignatureCheck = VerificationReport.SignatureCheck

    /// A signed package carries all four signature files, and each must hold for one key: the trusted key
    /// when one is given (which `signer.pub.pem` must then name), else the key in `signer.pub.pem`.
    static func checkSignature(
        manifestData: Data,
        manifest: Manifest,
        reader: PackageReader,
        trust: Trust
    ) -> SignatureCheck {
        let present = ManifestSignature.fileNames.filter(reader.contains)
        guard !present.isEmpty else {
            return .init(
                status: .unsigned,
                fingerprint: nil,
                message: "not signed by a trusted key: the package is not signed at all"
            )
        }
        let absent = ManifestSignature.fileNames.filter { !reader.contains($0) }
        guard absent.isEmpty else {
            return .init(
                status: .invalid,
                fingerprint: nil,
                message: "a signed package carries \(ManifestSignature.fileNames.joined(separator: ", ")); "
                    + "\(absent.joined(separator: ", ")) \(absent.count == 1 ? "is" : "are") missing (removed?)"
            )
        }
        guard let pem = try? reader.data("signer.pub.pem", limit: 4096),
            let embedded = try? Curve25519.Signing.PublicKey(pemRepresentation: String(decoding: pem, as: UTF8.self))
        else {
            return .init(status: .invalid, fingerprint: nil, message: "signer.pub.pem is not an Ed25519 public key")
        }
        let embeddedFingerprint = SigningKey.fingerprint(of: embedded)
        let key: Curve25519.Signing.PublicKey
        switch trust {
        case .publicKey(let trusted):
            guard trusted.rawRepresentation == embedded.rawRepresentation else {
                return .init(
                    status: .invalid,
                    fingerprint: embeddedFingerprint,
                    message: "the package was signed by key \(embeddedFingerprint), not by the trusted key "
                        + SigningKey.fingerprint(of: trusted)
                )
            }
            key = trusted
        case .fingerprint(let expected):
            guard embeddedFingerprint == expected.lowercased() else {
                return .init(
                    status: .invalid,
                    fingerprint: embeddedFingerprint,
                    message: "the package was signed by key \(embeddedFingerprint), not by the key with fingerprint "
                        + expected.lowercased()
                )
            }
            key = embedded
        case .none:
            key = embedded
        }
        let fingerprint = SigningKey.fingerprint(of: key)
        guard let raw = try? reader.data("manifest.sig", limit: 1024), raw.count == 64 else {
            return .init(
                status: .invalid,
                fingerprint: fingerprint,
                message: "manifest.sig is not a 64-byte Ed25519 signature"
            )
        }
        guard key.isValidSignature(raw, for: manifestData) else {
            return .init(
                status: .invalid,
                fingerprint: fingerprint,
                message: "manifest.sig does not verify with key \(fingerprint): the manifest or signature was altered, "
                    + "or another key signed it"
            )
        }
        let expectedComment = Minisign.trustedComment(for: manifest)
        if let problem = Minisign.problem(
            file: try? reader.data("manifest.json.minisig", limit: Minisign.maxFileBytes),
            message: manifestData,
            key: key,
            trustedComment: expectedComment
        ) {
            return .init(status: .invalid, fingerprint: fingerprint, message: problem)
        }
        if let problem = attestationProblem(reader: reader, manifest: manifest, key: key) {
            return .init(status: .invalid, fingerprint: fingerprint, message: problem)
        }
        if trust.isNone {
            return .init(
                status: .unverifiedSigner,
                fingerprint: fingerprint,
                message: "not signed by a trusted key: it is signed by \(fingerprint) (manifest.sig, minisig and "
                    + "attestation all agree), but no trusted key was given — pass --public-key or "
                    + "--trusted-fingerprint to check who signed it"
            )
        }
        return .init(
            status: .trusted,
            fingerprint: fingerprint,
            message: "signed by the trusted key \(fingerprint) (manifest.sig, manifest.json.minisig and "
                + "attestation.intoto.json verify)"
        )
    }

    /// The DSSE attestation must hold exactly one signature, valid for the key, over an in-toto statement
    /// whose subjects are exactly the manifest's files with their hashes.
    static func attestationProblem(
        reader: PackageReader,
        manifest: Manifest,
        key: Curve25519.Signing.PublicKey
    ) -> String? {
        guard let data = try? reader.data("attestation.intoto.json", limit: 16 << 20),
            let envelope = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let type = envelope["payloadType"] as? String,
            let payload = (envelope["payload"] as? String).flatMap({ Data(base64Encoded: $0) }),
            let signatures = envelope["signatures"] as? [[String: Any]]
        else { return "attestation.intoto.json is not a DSSE envelope" }
        guard type == DSSE.inTotoPayloadType else {
            return "attestation.intoto.json's payload type is \(type), not \(DSSE.inTotoPayloadType)"
        }
        guard signatures.count == 1, let sig = (signatures[0]["sig"] as? String).flatMap({ Data(base64Encoded: $0) })
        else { return "attestation.intoto.json must hold exactly one signature" }
        guard key.isValidSignature(sig, for: DSSE.pae(payloadType: type, payload: payload)) else {
            return "attestation.intoto.json's signature does not verify with the signing key"
        }
        guard let statement = (try? JSONSerialization.jsonObject(with: payload)) as? [String: Any],
            statement["_type"] as? String == "https://in-toto.io/Statement/v1",
            let subjects = statement["subject"] as? [[String: Any]]
        else { return "the attestation does not hold an in-toto Statement v1" }
        let attested = subjects.map { subject -> String in
            let name = subject["name"] as? String ?? "?"
            let sha = (subject["digest"] as? [String: Any])?["sha256"] as? String ?? "?"
            return "\(name) \(sha)"
        }
        .sorted()
        let listed =
            (manifest.controls.map { "\($0.file) \($0.sha256)" }
            + manifest.artifacts.map { "\($0.file) \($0.sha256)" })
            .sorted()
        guard attested == listed else { return "the attestation's subjects differ from the manifest's files" }
        let predicate = statement["predicate"] as? [String: Any]
        guard predicate?["package_id"] as? String == manifest.packageID else {
            return "the attestation names another package id than the manifest"
        }
        return nil
    }
}
