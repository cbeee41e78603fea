import AuditPackCore
import Crypto
import CryptoExtras
import Foundation

/// Checks a package: the ZIP layout (strict reader), every manifest entry present with its hash and
/// size, nothing unlisted, a valid manifest, and every signature file against the key the verifier trusts.
public enum PackageVerifier {
    /// Whom to trust: a public key, a key fingerprint (SHA-256 of SPKI DER), or nobody in particular.
    public enum Trust: Sendable {
        case none
        case publicKey(Curve25519.Signing.PublicKey)
        case fingerprint(String)

        public var isNone: Bool {
            if case .none = self { return true }
            return false
        }
    }

    public static func verify(package url: URL, trust: Trust = .none) -> VerificationReport {
        do {
            return verify(reader: try PackageReader(url: url), path: url.path, trust: trust)
        } catch {
            return failed(path: url.path, error)
        }
    }

    /// Verifies bytes already opened (memory or file); used by the fuzz target too.
    public static func verify(bytes: PackageBytes, trust: Trust = .none) -> VerificationReport {
        do {
            return verify(reader: try PackageReader(bytes: bytes), path: bytes.name, trust: trust)
        } catch {
            return failed(path: bytes.name, error)
        }
    }

    static func failed(path: String, _ error: Error) -> VerificationReport {
        var report = VerificationReport(package: path)
        let tampering = (error as? PackageReadError)?.isTampering ?? false
        report.verdict = tampering ? .tampered : .unreadable
        report.signature.message = "not checked: the package could not be read"
        report.problems.append("\(error)")
        return report
    }

    public static func verify(reader: PackageReader, path: String, trust: Trust) -> VerificationReport {
        var report = VerificationReport(package: path)
        guard reader.contains("manifest.json") else {
            report.verdict = .unreadable
            report.problems.append(PackageReadError.notAPackage(reason: "there is no manifest.json").description)
            return report
        }
        let manifestData: Data
        let manifest: Manifest
        do {
            manifestData = try reader.data("manifest.json", limit: 64 << 20)
            manifest = try Manifest.decode(manifestData)
        } catch let error as PackageReadError {
            report.verdict = error.isTampering ? .tampered : .unreadable
            report.problems.append(error.description)
            return report
        } catch {
            report.verdict = .unreadable
            report.problems.append("\(error)")
            return report
        }
        report.packageID = manifest.packageID
        if manifest.schema != Manifest.currentSchema {
            report.problems.append("manifest schema \(manifest.schema) is not \(Manifest.currentSchema)")
            report.verdict = .tampered
        }
        checkFiles(manifest: manifest, reader: reader, into: &report)
        report.signature = checkSignature(manifestData: manifestData, manifest: manifest, reader: reader, trust: trust)
        switch report.signature.status {
        case .invalid:
            report.problems.append(report.signature.message)
            report.verdict = .tampered
        case .unsigned where !trust.isNone:
            report.problems.append("the package is unsigned, but a trusted key was given")
            report.verdict = .tampered
        case .unverifiedSigner where !trust.isNone:
            report.verdict = .tampered
        default:
            break
        }
        if report.files.contains(where: { !$0.ok }) { report.verdict = .tampered }
        return report
    }

    static func checkFiles(manifest: Manifest, reader: PackageReader, into report: inout VerificationReport) {
        var listed: [(String, String, Int)] = manifest.controls.map { ($0.file, $0.sha256, $0.size) }
        listed += manifest.artifacts.map { ($0.file, $0.sha256, $0.size) }
        var seen = Set<String>()
        let reserved = Set(["manifest.json"] + ManifestSignature.fileNames)
        for (name, sha, size) in listed {
            guard seen.insert(name).inserted else {
                report.files.append(.init(name: name, ok: false, reason: "listed twice in the manifest"))
                continue
            }
            if reserved.contains(name) {
                report.files.append(.init(name: name, ok: false, reason: "the manifest lists a reserved file name"))
                continue
            }
            guard reader.contains(name) else {
                report.files.append(.init(name: name, ok: false, reason: "missing from the package"))
                continue
            }
            do {
                let actual = try reader.digest(name)
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
        let allowed = seen.union(reserved)
        for name in reader.names where !allowed.contains(name) {
            report.files.append(.init(name: name, ok: false, reason: "not listed in the manifest (added)"))
        }
    }
}
