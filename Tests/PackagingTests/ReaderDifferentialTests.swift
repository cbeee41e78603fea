import AuditPackCore
import Foundation
import Packaging
import TestSupport
import Testing

/// "INTACT" must mean every ZIP reader an auditor might use reads exactly the bytes that were hashed:
/// every mutant of a real package is refused by `verify`, or read identically by Python's zipfile,
/// unzip, bsdtar and the strict reader.
@Suite("strict reader: differential against zipfile, unzip and bsdtar")
struct ReaderDifferentialTests {
    /// Real packages: a signed synthetic one and the committed seeds (packages collected from the sample
    /// cluster, also the fuzz target's corpus).
    static func seeds() throws -> [(String, Data)] {
        let synthetic = try SyntheticPackage.make(signed: SigningKey())
        var seeds = [("synthetic", try Data(contentsOf: synthetic.url))]
        for url in FuzzCorpus.packages() {
            seeds.append((url.deletingPathExtension().lastPathComponent, try Data(contentsOf: url)))
        }
        return seeds
    }

    @Test(
        .enabled(if: ExternalZipReaders.missing.isEmpty, "needs python3, unzip and bsdtar; .ci/run installs them")
    )
    func everyMutantIsRefusedOrReadIdenticallyByAllReaders() throws {
        let folder = TestFolder()
        var total = 0
        var refused = 0
        var readersDisagree = 0
        for (label, package) in try Self.seeds() {
            let mutants = try ZipMutantCorpus.mutants(of: package, seed: UInt64(package.count))
            var files: [URL] = []
            for mutant in mutants {
                let url = folder.url.appendingPathComponent("\(label)-\(mutant.name).zip")
                try mutant.bytes.write(to: url)
                files.append(url)
            }
            let python = try ExternalZipReaders.python(files)
            for (mutant, url) in zip(mutants, files) {
                total += 1
                let report = PackageVerifier.verify(package: url)
                let scratch = folder.url.appendingPathComponent("x")
                let views: [View?] = [
                    python[url.path] ?? nil,
                    try ExternalZipReaders.extracted(url, with: "unzip", into: scratch),
                    try ExternalZipReaders.extracted(url, with: "bsdtar", into: scratch),
                ]
                let agree = views.allSatisfy { $0 == views[0] }
                if !agree { readersDisagree += 1 }
                if mutant.mustReject {
                    #expect(report.verdict != .intact, "\(label)/\(mutant.name) must be refused")
                }
                if mutant.name == "identity" {
                    #expect(report.verdict == .intact, "\(label): a faithful rebuild verifies: \(report.problems)")
                }
                guard report.verdict == .intact else {
                    refused += 1
                    #expect(!report.problems.isEmpty || report.files.contains { !$0.ok })
                    continue
                }
                let reader = try PackageReader(url: url)
                var ours: View = [:]
                for name in reader.names { ours[name] = try reader.digest(name).sha256 }
                for (reader, view) in zip(ExternalZipReaders.names, views) {
                    #expect(view == ours, "\(label)/\(mutant.name) is INTACT, but \(reader) reads something else")
                }
            }
        }
        print(
            "differential: \(total) mutants, \(refused) refused by verify, \(readersDisagree) where other readers "
                + "disagree among themselves (all refused)"
        )
        #expect(refused > total / 2, "most mutants are damaged and must be refused")
        #expect(readersDisagree > 0, "the corpus holds real parser differentials")
    }

    typealias View = ExternalZipReaders.View
}
