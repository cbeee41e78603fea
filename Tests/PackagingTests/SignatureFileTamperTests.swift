import AuditPackCore
import Crypto
import Foundation
import Packaging
import TestSupport
import Testing

/// Every file a signed package ships for other verifiers (minisign, DSSE, the embedded public key) is
/// checked: a package whose minisig or attestation would fail `minisign -V` or a DSSE verifier is never
/// called intact.
@Suite("verify: minisig, attestation and signer key are checked")
struct SignatureFileTamperTests {
    let key = SigningKey()

    func package() throws -> SyntheticPackage { try SyntheticPackage.make(signed: key) }

    func replacing(_ name: String, with data: Data?, in package: SyntheticPackage) throws -> URL {
        try package.rewritten("t.zip") { entries in
            entries.compactMap { entry in
                guard entry.0 == name else { return entry }
                return data.map { (name, $0) }
            }
        }
    }

    func expectTampered(_ url: URL, mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for trust in [PackageVerifier.Trust.publicKey(key.publicKey), .none] {
            let report = PackageVerifier.verify(package: url, trust: trust)
            #expect(report.verdict == .tampered, sourceLocation: sourceLocation)
            #expect(report.exitCode == 1, sourceLocation: sourceLocation)
            #expect(
                report.problems.contains { $0.contains(text) },
                "\(report.problems)",
                sourceLocation: sourceLocation
            )
        }
    }

    @Test func garbageMinisig() throws {
        let url = try replacing("manifest.json.minisig", with: Data("not a signature\n".utf8), in: try package())
        expectTampered(url, mentioning: "minisig")
    }

    @Test func oversizedMinisig() throws {
        let url = try replacing("manifest.json.minisig", with: Data(count: 1 << 20), in: try package())
        expectTampered(url, mentioning: "minisig")
    }

    @Test func minisigFromAnotherPackageOfTheSameKey() throws {
        let other = try SyntheticPackage.make(signed: key, packageID: "pkg-2", folder: TestFolder())
        let minisig = try PackageReader(url: other.url).data("manifest.json.minisig")
        let url = try replacing("manifest.json.minisig", with: minisig, in: try package())
        expectTampered(url, mentioning: "minisig")
    }

    @Test func minisigTrustedCommentEdited() throws {
        let original = try package()
        let minisig = String(
            decoding: try PackageReader(url: original.url).data("manifest.json.minisig"),
            as: UTF8.self
        )
        let edited = minisig.replacingOccurrences(of: "by auditpack", with: "by someone")
        let url = try replacing("manifest.json.minisig", with: Data(edited.utf8), in: original)
        expectTampered(url, mentioning: "global signature")
    }

    @Test func attestationRemoved() throws {
        let url = try replacing("attestation.intoto.json", with: nil, in: try package())
        expectTampered(url, mentioning: "attestation.intoto.json is missing")
    }

    @Test func minisigRemoved() throws {
        let url = try replacing("manifest.json.minisig", with: nil, in: try package())
        expectTampered(url, mentioning: "manifest.json.minisig is missing")
    }

    @Test func attestationWithASubjectDroppedAndResignedBySameKey() throws {
        let original = try package()
        let envelope =
            try JSONSerialization.jsonObject(
                with: try PackageReader(url: original.url).data("attestation.intoto.json")
            ) as! [String: Any]
        var statement =
            try JSONSerialization.jsonObject(
                with: Data(base64Encoded: envelope["payload"] as! String)!
            ) as! [String: Any]
        statement["subject"] = Array((statement["subject"] as! [[String: Any]]).dropFirst())
        let payload = try JSONSerialization.data(withJSONObject: statement)
        let signature = try key.privateKey.signature(
            for: DSSE.pae(payloadType: DSSE.inTotoPayloadType, payload: payload)
        )
        let forged = try JSONSerialization.data(withJSONObject: [
            "payloadType": DSSE.inTotoPayloadType, "payload": payload.base64EncodedString(),
            "signatures": [["keyid": "", "sig": signature.base64EncodedString()]],
        ])
        let url = try replacing("attestation.intoto.json", with: forged, in: original)
        expectTampered(url, mentioning: "subjects differ")
    }

    @Test func attestationSignedByAnotherKey() throws {
        let other = try SyntheticPackage.make(signed: SigningKey(), folder: TestFolder())
        let attestation = try PackageReader(url: other.url).data("attestation.intoto.json")
        let url = try replacing("attestation.intoto.json", with: attestation, in: try package())
        expectTampered(url, mentioning: "attestation.intoto.json's signature does not verify")
    }

    @Test func signerKeySwappedForAnotherKey() throws {
        let pem = Data((SigningKey().publicKey.pemRepresentation + "\n").utf8)
        let url = try replacing("signer.pub.pem", with: pem, in: try package())
        let trusted = PackageVerifier.verify(package: url, trust: .publicKey(key.publicKey))
        #expect(trusted.exitCode == 1)
        #expect(trusted.problems.contains { $0.contains("not by the trusted key") }, "\(trusted.problems)")
        // Without a key, the embedded key does not verify manifest.sig.
        #expect(PackageVerifier.verify(package: url).exitCode == 1)
    }

    @Test func packageResignedWholeByAnotherKeyIsOnlyIntactWithoutTrust() throws {
        let thief = SigningKey()
        let resigned = try SyntheticPackage.make(signed: thief, folder: TestFolder())
        let untrusted = PackageVerifier.verify(package: resigned.url)
        #expect(untrusted.verdict == .intact)
        #expect(untrusted.signature.message.hasPrefix("not signed by a trusted key"))
        let trusted = PackageVerifier.verify(package: resigned.url, trust: .publicKey(key.publicKey))
        #expect(trusted.exitCode == 1)
        let byFingerprint = PackageVerifier.verify(package: resigned.url, trust: .fingerprint(key.fingerprint))
        #expect(byFingerprint.exitCode == 1)
    }

    @Test func signatureStrippedFailsWithAKey() throws {
        let url = try package().rewritten("t.zip") { entries in
            entries.filter { !ManifestSignature.fileNames.contains($0.0) }
        }
        #expect(PackageVerifier.verify(package: url).verdict == .intact)
        let report = PackageVerifier.verify(package: url, trust: .publicKey(key.publicKey))
        #expect(report.exitCode == 1)
        #expect(report.problems.contains { $0.contains("unsigned") })
    }
}
