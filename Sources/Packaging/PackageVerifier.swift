import AuditPackCore
import Crypto
import CryptoExtras
import Foundation

/// Checks a package: every manifest entry present with its hash and size, nothing unlisted, a valid
/// manifest, and the signature against the key the verifier trusts.
public enum PackageVerifier {
    /// Whom to trust: a public key, a key fingerprint (SHA-256 of SPKI DER), or nobody in particular.
    public enum Trust: Sendable {
        case none
        case publicKey(Curve25519.Signing.PublicKey)
        case fingerprint(String)
    }

    public static func verify(package url: URL, trust: Trust = .none) -> VerificationReport {
        var report = VerificationReport(
            package: url.path,
            verdict: .intact,
            packageID: nil,
            files: [],
            signature: .init(status: .unsigned, fingerprint: nil, message: "unsigned"),
            problems: []
        )
        let reader: PackageReader
        do {
            reader = try PackageReader(url: url)
        } catch let error as PackageReadError {
            if case .hostile = error { report.verdict = .tampered } else { report.verdict = .unreadable }
            report.problems.append(error.description)
            return report
        } catch {
            report.verdict = .unreadable
            report.problems.append("\(error)")
            return report
        }
        guard reader.contains("manifest.json") else {
            report.verdict = .unreadable
            report.problems.append(PackageReadError.notAPackage(reason: "there is no manifest.json").description)
            return report
        }
        let manifestData: Data
        let manifest: Manifest
        do {
            manifestData = try reader.data("manifest.json")
            manifest = try Manifest.decode(manifestData)
        } catch {
            report.verdict = .unreadable
            report.problems.append(
                PackageReadError.notAPackage(
                    reason: "manifest.json does not follow \(Manifest.currentSchema) (\(error))"
                )
                .description
            )
            return report
        }
        report.packageID = manifest.packageID
        if manifest.schema != Manifest.currentSchema {
            report.problems.append("manifest schema \(manifest.schema) is not \(Manifest.currentSchema)")
            report.verdict = .tampered
        }
        checkFiles(manifest: manifest, reader: reader, into: &report)
        report.signature = checkSignature(manifestData: manifestData, manifest: manifest, reader: reader, trust: trust)
        if report.signature.status == .invalid { report.problems.append(report.signature.message) }
        if case .none = trust {
        } else if report.signature.status != .trusted {
            if report.signature.status == .unsigned {
                report.problems.append("the package is unsigned, but a trusted key was given")
            }
            report.verdict = .tampered
        }
        if report.files.contains(where: { !$0.ok }) || report.signature.status == .invalid {
            report.verdict = .tampered
        }
        return report
    }

    static func checkFiles(manifest: Manifest, reader: PackageReader, into report: inout VerificationReport) {
        var listed: [(String, String, Int)] = manifest.controls.map { ($0.file, $0.sha256, $0.size) }
        listed += manifest.artifacts.map { ($0.file, $0.sha256, $0.size) }
        var seen = Set<String>()
        for (name, sha, size) in listed {
            guard seen.insert(name).inserted else {
                report.files.append(.init(name: name, ok: false, reason: "listed twice in the manifest"))
                continue
            }
            guard reader.contains(name) else {
                report.files.append(.init(name: name, ok: false, reason: "missing from the package"))
                continue
            }
            do {
                let actual = try reader.stream(name)
                if actual.sha256 != sha {
                    report.files.append(
                        .init(name: name, ok: false, reason: "sha256 differs from the manifest (modified)")
                    )
                } else if actual.size != size {
                    report.files.append(
                        .init(name: name, ok: false, reason: "size \(actual.size) differs from the manifest's \(size)")
                    )
                } else {
                    report.files.append(.init(name: name, ok: true, reason: nil))
                }
            } catch {
                report.files.append(.init(name: name, ok: false, reason: "\(error)"))
            }
        }
        let allowed = seen.union(["manifest.json"]).union(ManifestSignature.fileNames)
        for name in reader.names where !allowed.contains(name) {
            report.files.append(.init(name: name, ok: false, reason: "not listed in the manifest (added)"))
        }
    }

    static func checkSignature(
        manifestData: Data,
        manifest: Manifest,
        reader: PackageReader,
        trust: Trust
    )
        -> VerificationReport.SignatureCheck
    {
        guard reader.contains("manifest.sig") else {
            return .init(status: .unsigned, fingerprint: nil, message: "the package is not signed")
        }
        guard let signature = try? reader.data("manifest.sig", limit: 1024), signature.count == 64 else {
            return .init(status: .invalid, fingerprint: nil, message: "manifest.sig is not a 64-byte Ed25519 signature")
        }
        let embedded = (try? reader.data("signer.pub.pem", limit: 4096))
            .flatMap { try? Curve25519.Signing.PublicKey(pemRepresentation: String(decoding: $0, as: UTF8.self)) }
        let key: Curve25519.Signing.PublicKey
        switch trust {
        case .publicKey(let trusted):
            key = trusted
        case .fingerprint(let expected):
            guard let embedded, SigningKey.fingerprint(of: embedded) == expected.lowercased() else {
                return .init(
                    status: .invalid,
                    fingerprint: embedded.map(SigningKey.fingerprint(of:)),
                    message: "the package was not signed by the key with fingerprint \(expected)"
                )
            }
            key = embedded
        case .none:
            guard let embedded else {
                return .init(
                    status: .invalid,
                    fingerprint: nil,
                    message: "signer.pub.pem is missing or not a public key"
                )
            }
            key = embedded
        }
        let fingerprint = SigningKey.fingerprint(of: key)
        guard key.isValidSignature(signature, for: manifestData) else {
            return .init(
                status: .invalid,
                fingerprint: fingerprint,
                message: "manifest.sig does not verify with key \(fingerprint): the manifest or signature was altered, "
                    + "or another key signed it"
            )
        }
        if let problem = attestationProblem(reader: reader, manifest: manifest, key: key) {
            return .init(status: .invalid, fingerprint: fingerprint, message: problem)
        }
        if case .none = trust {
            return .init(
                status: .unverifiedSigner,
                fingerprint: fingerprint,
                message: "signed by \(fingerprint), not checked against a trusted key"
            )
        }
        return .init(status: .trusted, fingerprint: fingerprint, message: "signed by the trusted key \(fingerprint)")
    }

    /// The DSSE attestation must verify with the same key and name the same files and hashes.
    static func attestationProblem(
        reader: PackageReader,
        manifest: Manifest,
        key: Curve25519.Signing.PublicKey
    ) -> String? {
        guard reader.contains("attestation.intoto.json") else { return nil }
        guard let data = try? reader.data("attestation.intoto.json"),
            let envelope = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
            let type = envelope["payloadType"] as? String,
            let payload = (envelope["payload"] as? String).flatMap({ Data(base64Encoded: $0) }),
            let signatures = envelope["signatures"] as? [[String: Any]]
        else { return "attestation.intoto.json is not a DSSE envelope" }
        let pae = DSSE.pae(payloadType: type, payload: payload)
        let valid = signatures.contains { entry in
            (entry["sig"] as? String).flatMap { Data(base64Encoded: $0) }.map { key.isValidSignature($0, for: pae) }
                ?? false
        }
        guard valid else { return "attestation.intoto.json's signature does not verify with the signing key" }
        guard let statement = (try? JSONSerialization.jsonObject(with: payload)) as? [String: Any],
            let subjects = statement["subject"] as? [[String: Any]]
        else { return "the attestation does not hold an in-toto statement" }
        let attested = Set(
            subjects.compactMap { subject -> String? in
                guard let name = subject["name"] as? String,
                    let sha = (subject["digest"] as? [String: Any])?["sha256"] as? String
                else { return nil }
                return "\(name) \(sha)"
            }
        )
        let listed = Set(
            manifest.controls.map { "\($0.file) \($0.sha256)" } + manifest.artifacts.map { "\($0.file) \($0.sha256)" }
        )
        return attested == listed ? nil : "the attestation's subjects differ from the manifest's files"
    }
}
