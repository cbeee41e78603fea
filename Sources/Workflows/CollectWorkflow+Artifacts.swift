import AuditPackCore
import Evaluation
import Foundation
import Packaging
import Reports

extension CollectWorkflow {
    /// The files a package carries beside its evidence, in name order: findings.json, the OSCAL assessment plan
    /// and results, report.html. The OSCAL results list every other file with its SHA-256 (the manifest and the
    /// signatures cover the results, so those cannot be named inside: see OSCALExport). The results are written
    /// to `folder` as they are made (tens of megabytes on a large cluster), hashed on the way.
    static func artifacts(
        manifest: Manifest,
        findings: FindingsDocument,
        report: AuditReport,
        catalog: Catalog,
        signed: Bool,
        folder: URL
    ) throws -> [EvidencePackage.Artifact] {
        // Each goes to a file at once, so the next is made without the last one's bytes in memory.
        let findingsFile = try Self.streamedArtifact("findings.json", kind: "findings", in: folder) { sink in
            try findings.write(to: sink)
        }
        let reportFile = try Self.artifact("report.html", kind: "report", in: folder) {
            Data(HTMLReport.render(report).utf8)
        }
        var described = manifest
        described.artifacts = [findingsFile, reportFile].map {
            Manifest.Artifact(file: $0.name, sha256: $0.sha256, size: $0.size, kind: $0.kind)
        }
        let oscal = try OSCALExport(manifest: described, findings: findings, catalog: catalog, signed: signed)
        let resultsURL = folder.appendingPathComponent(OSCALExport.resultsFileName)
        let writer = try HashedFileWriter(url: resultsURL)
        try oscal.assessmentResults { try writer.write($0) }
        let (sha256, size) = try writer.finish()
        return [
            findingsFile,
            EvidencePackage.Artifact(
                name: OSCALExport.planFileName,
                kind: "oscal-assessment-plan",
                data: try oscal.assessmentPlan()
            ),
            EvidencePackage.Artifact(
                name: OSCALExport.resultsFileName,
                kind: "oscal-assessment-results",
                source: .file(resultsURL),
                sha256: sha256,
                size: size
            ),
            reportFile,
        ]
    }

    /// An artifact written to `folder/name` by `write` in pieces, each hashed and written as it comes, and
    /// described (SHA-256, size) for the manifest. The file lives in the run's work folder, removed on failure.
    static func streamedArtifact(
        _ name: String,
        kind: String,
        in folder: URL,
        write: ((Data) throws -> Void) throws -> Void
    ) throws -> EvidencePackage.Artifact {
        let writer = try HashedFileWriter(url: folder.appendingPathComponent(name))
        try write { piece in try piece.withUnsafeBytes { try writer.write($0) } }
        let (sha256, size) = try writer.finish()
        return EvidencePackage.Artifact(
            name: name,
            kind: kind,
            source: .file(writer.url),
            sha256: sha256,
            size: size
        )
    }

    /// `make`'s bytes as one piece.
    static func artifact(
        _ name: String,
        kind: String,
        in folder: URL,
        make: () throws -> Data
    ) throws -> EvidencePackage.Artifact {
        try streamedArtifact(name, kind: kind, in: folder) { sink in try sink(try make()) }
    }
}
