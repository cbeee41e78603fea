import AuditPackCore
import Evaluation
import Foundation
import Packaging
import Reports

/// `auditpack evaluate`: re-performs the assessment from a package alone.
public enum EvaluateWorkflow {
    public struct Outcome: Sendable {
        public var manifest: Manifest
        public var findings: FindingsDocument
        /// The findings the package carries from collection time, when it has them.
        public var stored: FindingsDocument?
        /// True when the package was checked against a trusted signing key.
        public var originChecked: Bool
        /// True when the re-performed findings equal the stored ones (same `--at`).
        public var matchesStored: Bool? { stored.map { $0 == findings } }
        /// The verified package, still open: what was evaluated is what an export describes.
        var reader: PackageReader
        /// The package's evidence, as evaluated.
        public var evidence: EvidenceSet
    }

    /// With a `trust` other than `.none`, a package not signed by that key is refused.
    public static func run(
        package: URL,
        at: Date? = nil,
        policyFile: String? = nil,
        trust: PackageVerifier.Trust = .none
    ) throws -> Outcome {
        let catalog = try Catalog.builtIn()
        let policy = try EvaluationPolicy.load(path: policyFile, catalog: catalog)
        let (manifest, evidence, reader) = try PackageEvidence.open(package, trust: trust)
        let now = at ?? Timestamp.parse(manifest.run.startedAt) ?? Date()
        let findings = Evaluators.evaluate(
            evidence,
            catalog: catalog,
            policy: policy,
            now: now,
            controls: manifest.run.selectedControls
        )
        return Outcome(
            manifest: manifest,
            findings: findings,
            stored: PackageEvidence.storedFindings(reader),
            originChecked: !trust.isNone,
            reader: reader,
            evidence: evidence
        )
    }
}
