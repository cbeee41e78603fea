import AuditPackCore
import Evaluation
import Foundation
import Packaging

/// Evidence read straight from a package (after it verified), for re-performing the assessment offline.
enum PackageEvidence {
    static func open(_ url: URL, trust: PackageVerifier.Trust = .none) throws -> (Manifest, EvidenceSet, PackageReader)
    {
        let report = PackageVerifier.verify(package: url, trust: trust)
        guard report.verdict == .intact else {
            let reasons = report.problems + report.files.filter { !$0.ok }.map { "\($0.name): \($0.reason ?? "")" }
            throw WorkflowError.packageNotIntact(path: url.path, reasons: reasons, exitCode: report.exitCode)
        }
        let reader = try PackageReader(url: url)
        let manifest = try Manifest.decode(try reader.data("manifest.json"))
        let files = Dictionary(uniqueKeysWithValues: manifest.controls.map { ($0.id, $0.file) })
        let states = Dictionary(
            uniqueKeysWithValues: manifest.controls.map {
                ($0.id, EvidenceSet.ItemState(status: $0.status, note: $0.note))
            }
        )
        let box = ReaderBox(reader)
        let evidence = EvidenceSet(states: states) { id, consumer in
            guard let name = files[id] else { return false }
            try box.stream(name, consumer)
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

/// Serialises access to a reader (ZIPFoundation archives are not thread-safe).
private final class ReaderBox: @unchecked Sendable {
    private let lock = NSLock()
    private let reader: PackageReader

    init(_ reader: PackageReader) { self.reader = reader }

    /// The entry's bytes, in chunks as they inflate (never the whole entry at once).
    func stream(_ name: String, _ consumer: (Data) throws -> Void) throws {
        try lock.withLock { _ = try reader.stream(name, consumer: consumer) }
    }
}
