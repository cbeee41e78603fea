import AuditPackCore
import Evaluation
import Foundation
import Packaging
import Reports

/// A package opened through the strict reader and verified (with the trusted key, when given) before
/// anything in it is read: its manifest, its evidence (streamed from the entries) and its findings.
struct VerifiedPackage {
    let url: URL
    let manifest: Manifest
    let manifestSHA256: String
    let reader: PackageReader
    let evidence: EvidenceSet
    let signature: VerificationReport.SignatureCheck.Status

    /// Throws `SeriesError.notVerified` when the file is unreadable, not a package, or does not verify.
    static func open(_ url: URL, trust: PackageVerifier.Trust) throws -> VerifiedPackage {
        let reader: PackageReader
        do {
            reader = try PackageReader(url: url)
        } catch {
            throw SeriesError.notVerified(path: url.path, reasons: ["\(error)"])
        }
        let report = PackageVerifier.verify(reader: reader, path: url.path, trust: trust)
        guard report.verdict == .intact else {
            let reasons = report.problems + report.files.filter { !$0.ok }.map { "\($0.name): \($0.reason ?? "")" }
            throw SeriesError.notVerified(path: url.path, reasons: reasons)
        }
        let manifestData: Data
        let manifest: Manifest
        do {
            manifestData = try reader.data("manifest.json")
            manifest = try Manifest.decode(manifestData)
        } catch {
            throw SeriesError.notVerified(path: url.path, reasons: ["\(error)"])
        }
        let files = Dictionary(manifest.controls.map { ($0.id, $0.file) }, uniquingKeysWith: { first, _ in first })
        let states = Dictionary(
            manifest.controls.map { ($0.id, EvidenceSet.ItemState(status: $0.status, note: $0.note)) },
            uniquingKeysWith: { first, _ in first }
        )
        let evidence = EvidenceSet(states: states) { id, consumer in
            guard let name = files[id] else { return false }
            _ = try reader.stream(name, consumer: consumer)
            return true
        }
        return VerifiedPackage(
            url: url,
            manifest: manifest,
            manifestSHA256: Hashing.sha256Hex(manifestData),
            reader: reader,
            evidence: evidence,
            signature: report.signature.status
        )
    }

    var collectedAt: Date { Timestamp.parse(manifest.run.startedAt) ?? .distantPast }

    var summary: PackageSummary {
        PackageSummary(
            package: url.lastPathComponent,
            packageID: manifest.packageID,
            clusterID: manifest.cluster.clusterID,
            server: manifest.cluster.server,
            context: manifest.cluster.context,
            collectedAt: manifest.run.startedAt,
            manifestSHA256: manifestSHA256,
            previousManifestSHA256: manifest.previous?.manifestSHA256,
            signature: signature.rawValue
        )
    }

    /// The findings made at collection time (findings.json); re-performed as of the collection time when the
    /// package has none (which reproduces them).
    func findings() throws -> FindingsDocument {
        if reader.contains("findings.json"),
            let stored = try? JSONDecoder().decode(FindingsDocument.self, from: try reader.data("findings.json"))
        {
            return stored
        }
        let catalog = try Catalog.builtIn()
        return Evaluators.evaluate(
            evidence,
            catalog: catalog,
            policy: EvaluationPolicy(catalog: catalog),
            now: collectedAt,
            controls: manifest.run.selectedControls
        )
    }
}
