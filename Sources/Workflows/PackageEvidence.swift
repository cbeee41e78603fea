import AuditPackCore
import Evaluation
import Foundation
import Packaging

/// Evidence read straight from a package (after it verified), for re-performing the assessment offline.
enum PackageEvidence {
    static func open(_ url: URL, trust: PackageVerifier.Trust = .none) throws -> (Manifest, EvidenceSet, PackageReader)
    {
        // One reader, one open file: what was verified is what is evaluated.
        let reader: PackageReader
        do {
            reader = try PackageReader(url: url)
        } catch {
            let code: Int32 = (error as? PackageReadError)?.isTampering == true ? 1 : 2
            throw WorkflowError.packageNotIntact(path: url.path, reasons: ["\(error)"], exitCode: code)
        }
        let report = PackageVerifier.verify(reader: reader, path: url.path, trust: trust)
        guard report.verdict == .intact else {
            let reasons = report.problems + report.files.filter { !$0.ok }.map { "\($0.name): \($0.reason ?? "")" }
            throw WorkflowError.packageNotIntact(path: url.path, reasons: reasons, exitCode: report.exitCode)
        }
        let manifest = try Manifest.decode(try reader.data("manifest.json"))
        let files = Dictionary(uniqueKeysWithValues: manifest.controls.map { ($0.id, $0.file) })
        let states = Dictionary(
            uniqueKeysWithValues: manifest.controls.map {
                ($0.id, EvidenceSet.ItemState(status: $0.status, note: $0.note))
            }
        )
        // The reader reads with pread and holds no cursor: evaluators may stream entries side by side.
        let evidence = EvidenceSet(states: states) { id, consumer in
            guard let name = files[id] else { return false }
            _ = try reader.stream(name, consumer: consumer)
            return true
        }
        return (manifest, evidence, reader)
    }

    /// Findings the package carries (made at collection time), if any.
    static func storedFindings(_ reader: PackageReader) -> FindingsDocument? {
        guard reader.contains("findings.json"), let data = try? reader.data("findings.json") else { return nil }
        return try? JSONDecoder().decode(FindingsDocument.self, from: data)
    }
}
