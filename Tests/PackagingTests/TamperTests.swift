import AuditPackCore
import Foundation
import Packaging
import TestSupport
import Testing
import ZIPFoundation

/// Every way of altering a signed package is caught, with the right exit code and reason.
@Suite("verify: the tamper matrix")
struct TamperTests {
    let key = SigningKey()

    func signed() throws -> SyntheticPackage { try SyntheticPackage.make(signed: key) }

    func verify(_ url: URL) -> VerificationReport {
        PackageVerifier.verify(package: url, trust: .publicKey(key.publicKey))
    }

    @Test func oneByteChangedInAnEvidenceFile() throws {
        let package = try signed()
        let url = try package.rewritten("t.zip") { entries in
            entries.map { name, data in
                guard name == "C05-namespace-pss-labels.txt" else { return (name, data) }
                var changed = data
                changed[0] ^= 0x01
                return (name, changed)
            }
        }
        let report = verify(url)
        #expect(report.exitCode == 1)
        #expect(
            report.files.first { $0.name == "C05-namespace-pss-labels.txt" }?.reason?.contains("sha256 differs") == true
        )
    }

    @Test func fileAdded() throws {
        let url = try signed().rewritten("t.zip") { $0 + [("C11-extra.json", Data("{}".utf8))] }
        let report = verify(url)
        #expect(report.exitCode == 1)
        #expect(report.files.first { $0.name == "C11-extra.json" }?.reason?.contains("not listed") == true)
    }

    @Test func fileRemoved() throws {
        let url = try signed().rewritten("t.zip") { $0.filter { $0.0 != "C08-kube-bench.txt" } }
        let report = verify(url)
        #expect(report.exitCode == 1)
        #expect(report.files.first { $0.name == "C08-kube-bench.txt" }?.reason == "missing from the package")
    }

    @Test func fileRenamed() throws {
        let url = try signed().rewritten("t.zip") { entries in
            entries.map { $0.0 == "C08-kube-bench.txt" ? ("C08-renamed.txt", $0.1) : $0 }
        }
        let report = verify(url)
        #expect(report.exitCode == 1)
        #expect(report.files.contains { $0.name == "C08-kube-bench.txt" && !$0.ok })
        #expect(report.files.contains { $0.name == "C08-renamed.txt" && !$0.ok })
    }

    @Test func manifestEdited() throws {
        let url = try signed().rewritten("t.zip") { entries in
            entries.map { name, data in
                guard name == "manifest.json" else { return (name, data) }
                return (
                    name,
                    Data(
                        String(decoding: data, as: UTF8.self).replacingOccurrences(
                            of: "\"auditor\"",
                            with: "\"someone\""
                        ).utf8
                    )
                )
            }
        }
        let report = verify(url)
        #expect(report.exitCode == 1)
        #expect(report.signature.status == .invalid)
        #expect(report.files.allSatisfy { $0.ok }, "the files still match; only the signature catches this")
    }

    @Test func signatureSwappedFromAnotherPackage() throws {
        let other = try SyntheticPackage.make(signed: key, packageID: "pkg-2", folder: TestFolder())
        let otherSignature = try PackageReader(url: other.url).data("manifest.sig")
        let url = try signed().rewritten("t.zip") { entries in
            entries.map { $0.0 == "manifest.sig" ? ("manifest.sig", otherSignature) : $0 }
        }
        let report = verify(url)
        #expect(report.exitCode == 1)
        #expect(report.signature.status == .invalid)
    }

    @Test func wrongTrustedKey() throws {
        let package = try signed()
        let report = PackageVerifier.verify(package: package.url, trust: .publicKey(SigningKey().publicKey))
        #expect(report.exitCode == 1)
        #expect(report.signature.status == .invalid)
        let byFingerprint = PackageVerifier.verify(
            package: package.url,
            trust: .fingerprint(String(repeating: "0", count: 64))
        )
        #expect(byFingerprint.exitCode == 1)
    }

    @Test func truncatedZip() throws {
        let package = try signed()
        let bytes = try Data(contentsOf: package.url)
        let url = package.folder.url.appendingPathComponent("truncated.zip")
        try bytes.prefix(bytes.count - 40).write(to: url)
        let report = verify(url)
        #expect(report.exitCode == 2)
        #expect(report.problems.first?.contains("central directory") == true)
    }

    @Test func duplicateEntry() throws {
        let url = try signed().rewritten("t.zip") { $0 + [("C01-network-policies.json", Data("{}".utf8))] }
        let report = verify(url)
        #expect(report.exitCode == 1)
        #expect(report.problems.first?.contains("appears twice") == true)
    }

    @Test func pathTraversalEntry() throws {
        let url = try signed().rewritten("t.zip") { $0 + [("../../etc/evil", Data("x".utf8))] }
        let report = verify(url)
        #expect(report.exitCode == 1)
        #expect(report.problems.first?.contains("escapes the package") == true)
    }

    @Test func declaredSizeLie() throws {
        let package = try signed()
        var bytes = try Data(contentsOf: package.url)
        // Lower the declared uncompressed size of the first central-directory record by one.
        let signature = Data([0x50, 0x4B, 0x01, 0x02])
        let record = try #require(bytes.range(of: signature)).lowerBound
        let sizeOffset = record + 24
        let size =
            UInt32(bytes[sizeOffset]) | UInt32(bytes[sizeOffset + 1]) << 8 | UInt32(bytes[sizeOffset + 2]) << 16
            | UInt32(bytes[sizeOffset + 3]) << 24
        let smaller = size - 1
        for index in 0..<4 { bytes[sizeOffset + index] = UInt8((smaller >> (8 * UInt32(index))) & 0xFF) }
        let url = package.folder.url.appendingPathComponent("lying.zip")
        try bytes.write(to: url)
        let report = verify(url)
        #expect(report.exitCode == 1)
        let reasons = report.files.compactMap(\.reason) + report.problems
        #expect(
            reasons.contains { $0.contains("uncompressed size") && $0.contains("differs from the central directory") },
            "\(reasons)"
        )
    }

    @Test func notAZip() throws {
        let folder = TestFolder()
        let path = try folder.write("evidence.zip", "this is not a zip")
        let report = PackageVerifier.verify(package: URL(fileURLWithPath: path))
        #expect(report.exitCode == 2)
    }

    @Test func zipWithoutManifestIsNotAPackage() throws {
        let url = try signed().rewritten("t.zip") { $0.filter { $0.0 != "manifest.json" } }
        let report = verify(url)
        #expect(report.exitCode == 2)
        #expect(report.problems.first?.contains("no manifest.json") == true)
    }
}

@Suite("verify: hostile archives")
struct HostileArchiveTests {
    @Test func zipBombIsRefusedBeforeInflating() throws {
        let package = try SyntheticPackage.make()
        // 80 MiB of zeros deflates to ~80 KiB: a ratio no evidence file has.
        let bomb = Data(count: 80 << 20)
        let url = try package.rewritten("bomb.zip") { $0 + [("C99-bomb.json", bomb)] }
        let report = PackageVerifier.verify(package: url)
        #expect(report.exitCode == 1)
        #expect(report.problems.first?.contains("zip bomb") == true, "\(report.problems)")
    }
}
