import AuditPackCore
import Crypto
import Foundation
import Packaging
import TestSupport
import Testing

@Suite("sign and verify: AuditPack, openssl, minisign, DSSE")
struct SignVerifyTests {
    @Test func signedPackageVerifiesWithTheTrustedKey() throws {
        let key = SigningKey()
        let package = try SyntheticPackage.make(signed: key)
        let report = PackageVerifier.verify(package: package.url, trust: .publicKey(key.publicKey))
        #expect(report.verdict == .intact)
        #expect(report.exitCode == 0)
        #expect(report.signature.status == .trusted)
        #expect(report.files.count == package.manifest.controls.count + 1)
        #expect(report.files.allSatisfy { $0.ok })
        let byFingerprint = PackageVerifier.verify(package: package.url, trust: .fingerprint(key.fingerprint))
        #expect(byFingerprint.signature.status == .trusted)
    }

    @Test func withoutAKeyItSaysWhoSignedButNotTrusted() throws {
        let key = SigningKey()
        let package = try SyntheticPackage.make(signed: key)
        let report = PackageVerifier.verify(package: package.url)
        #expect(report.verdict == .intact)
        #expect(report.signature.status == .unverifiedSigner)
        #expect(report.signature.message.hasPrefix("not signed by a trusted key: it is signed by \(key.fingerprint)"))
    }

    @Test func unsignedPackageSaysSoAndFailsWhenAKeyIsRequired() throws {
        let package = try SyntheticPackage.make()
        #expect(PackageVerifier.verify(package: package.url).signature.status == .unsigned)
        let strict = PackageVerifier.verify(package: package.url, trust: .publicKey(SigningKey().publicKey))
        #expect(strict.verdict == .tampered)
        #expect(strict.problems.contains { $0.contains("unsigned") })
    }

    @Test func samePackageTwiceIsByteIdentical() throws {
        let key = SigningKey()
        let folder = TestFolder()
        let first = try SyntheticPackage.make(signed: key, folder: folder, name: "a.zip")
        let second = try SyntheticPackage.make(signed: key, folder: folder, name: "b.zip")
        #expect(try Data(contentsOf: first.url) == Data(contentsOf: second.url))
        #expect(try PackageReader(url: first.url).names == PackageReader(url: first.url).names.sorted())
    }

    @Test(.requires("openssl", install: "apt-get install openssl"))
    func opensslVerifiesTheRawSignature() throws {
        let openssl = try #require(Tools.find("openssl"))
        let key = SigningKey()
        let package = try SyntheticPackage.make(signed: key)
        let files = try Self.extract(package, ["manifest.json", "manifest.sig", "signer.pub.pem"])
        let output = try Tools.run(
            openssl,
            [
                "pkeyutl", "-verify", "-pubin", "-inkey", files["signer.pub.pem"]!, "-rawin", "-in",
                files["manifest.json"]!,
                "-sigfile", files["manifest.sig"]!,
            ]
        )
        #expect(output.contains("Signature Verified Successfully"))
        try Data("{}".utf8).write(to: URL(fileURLWithPath: files["manifest.json"]!))
        let tampered = try Tools.runCapturing(
            openssl,
            [
                "pkeyutl", "-verify", "-pubin", "-inkey", files["signer.pub.pem"]!, "-rawin", "-in",
                files["manifest.json"]!,
                "-sigfile", files["manifest.sig"]!,
            ]
        )
        #expect(tampered.status != 0)
    }

    @Test(.requires("minisign", install: "apt-get install minisign"))
    func minisignVerifiesTheMinisig() throws {
        let minisign = try #require(Tools.find("minisign"))
        let key = SigningKey()
        let package = try SyntheticPackage.make(signed: key)
        let files = try Self.extract(package, ["manifest.json", "manifest.json.minisig"])
        let output = try Tools.run(
            minisign,
            [
                "-Vm", files["manifest.json"]!, "-P", Minisign.publicKey(key.publicKey), "-x",
                files["manifest.json.minisig"]!,
            ]
        )
        #expect(output.contains("Signature and comment signature verified"))
        #expect(output.contains("package pkg-1"))
    }

    /// Whether python3 can import securesystemslib (the independent DSSE verifier).
    static let hasSecureSystemsLib: Bool = {
        guard let python = Tools.find("python3") else { return false }
        let probe = try? Tools.runCapturing(python, ["-c", "import securesystemslib.dsse, securesystemslib.signer"])
        return probe?.status == 0
    }()

    @Test(
        .enabled(
            if: hasSecureSystemsLib,
            "needs python3 with securesystemslib (pip install securesystemslib); .ci/run installs it"
        )
    )
    func independentDSSEVerifierAcceptsTheAttestation() throws {
        let python = try #require(Tools.find("python3"))
        let key = SigningKey()
        let package = try SyntheticPackage.make(signed: key)
        let files = try Self.extract(package, ["attestation.intoto.json", "signer.pub.pem"])
        let script = """
            import json, sys
            from securesystemslib.dsse import Envelope
            from securesystemslib.signer import SSlibKey
            from cryptography.hazmat.primitives.serialization import load_pem_public_key
            envelope = Envelope.from_dict(json.load(open(sys.argv[1])))
            key = SSlibKey.from_crypto(load_pem_public_key(open(sys.argv[2], 'rb').read()), keyid=sys.argv[3])
            envelope.verify([key], 1)
            statement = json.loads(envelope.payload)
            print(statement['_type'], len(statement['subject']), envelope.payload_type)
            """
        let output = try Tools.run(
            python,
            ["-c", script, files["attestation.intoto.json"]!, files["signer.pub.pem"]!, key.fingerprint]
        )
        #expect(
            output.trimmingCharacters(in: .whitespacesAndNewlines)
                == "https://in-toto.io/Statement/v1 \(package.manifest.controls.count + 1) application/vnd.in-toto+json"
        )
    }

    /// Writes the named entries to a folder; returns name → path.
    static func extract(_ package: SyntheticPackage, _ names: [String]) throws -> [String: String] {
        let reader = try PackageReader(url: package.url)
        var paths: [String: String] = [:]
        for name in names {
            let path = package.folder.path("out-\(name)")
            try reader.data(name).write(to: URL(fileURLWithPath: path))
            paths[name] = path
        }
        return paths
    }
}
