import AuditPackCore
import Evaluation
import Foundation

/// Makes the OSCAL assessment plan and assessment results of one package from its manifest, its findings and
/// the catalog. Every UUID is a version 5 UUID of the package id and the element, so the same package always
/// gives byte-identical documents.
public struct OSCALExport: Sendable {
    /// The package file, when exporting from an existing package: the document can then name its SHA-256 and
    /// the hashes of manifest.json and the signature files (a document inside the package cannot: they cover it).
    public struct PackageFile: Sendable, Equatable {
        public var name: String
        public var sha256: String
        /// manifest.json and the signature files present, with their SHA-256.
        public var members: [(name: String, sha256: String)]

        public init(name: String, sha256: String, members: [(name: String, sha256: String)]) {
            self.name = name
            self.sha256 = sha256
            self.members = members
        }

        public static func == (lhs: PackageFile, rhs: PackageFile) -> Bool {
            lhs.name == rhs.name && lhs.sha256 == rhs.sha256
                && lhs.members.map(\.name) == rhs.members.map(\.name)
                && lhs.members.map(\.sha256) == rhs.members.map(\.sha256)
        }
    }

    /// Names of the documents inside a package.
    public static let resultsFileName = "oscal-assessment-results.json"
    public static let planFileName = "oscal-assessment-plan.json"
    /// The files a signed package carries beside manifest.json.
    public static let signatureFileNames = [
        "attestation.intoto.json", "manifest.json.minisig", "manifest.sig", "signer.pub.pem",
    ]

    public var manifest: Manifest
    public var findings: FindingsDocument
    public var catalog: Catalog
    /// nil: findings target AuditPack's controls; NIST SP 800-53 (`isNIST80053`): its Rev. 5 controls.
    public var framework: Framework?
    /// Set when exporting from a package file; nil for the copy written into a new package.
    public var packageFile: PackageFile?
    /// For the copy inside a new package: whether it will be signed (the signature files are then listed).
    public var signed: Bool

    public init(
        manifest: Manifest,
        findings: FindingsDocument,
        catalog: Catalog,
        framework: Framework? = nil,
        packageFile: PackageFile? = nil,
        signed: Bool = false
    ) throws {
        if let framework, !framework.isNIST80053 {
            throw OSCALError.frameworkWithoutCatalog(framework.name)
        }
        self.manifest = manifest
        self.findings = findings
        self.catalog = catalog
        self.framework = framework
        self.packageFile = packageFile
        self.signed = signed
    }

    /// The deterministic UUID of one element of this package's documents.
    func uuid(_ element: String) -> String {
        DeterministicUUID.string("\(manifest.packageID)/oscal/\(element)")
    }

    /// The package's cluster as people name it: its context, else its server.
    var clusterName: String {
        manifest.cluster.context.isEmpty ? manifest.cluster.server : manifest.cluster.context
    }

    /// The assessment plan, as JSON.
    public func assessmentPlan() throws -> Data {
        try OSCAL.encode(OSCAL.AssessmentPlanDocument(assessmentPlan: plan()))
    }

    /// The assessment results (importing and embedding the plan), as JSON. Risks are encoded one at a time into
    /// the placeholder's place, so a cluster with 40,000 findings never holds them all as values.
    public func assessmentResults() throws -> Data {
        var data = Data()
        try assessmentResults { data.append(contentsOf: $0) }
        return data
    }

    /// The assessment results, handed to `sink` in chunks as they are written (tens of megabytes on a large
    /// cluster, never held whole).
    public func assessmentResults(to sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        let document = OSCAL.AssessmentResultsDocument(assessmentResults: results(planData: try assessmentPlan()))
        try OSCAL.encode(document, replacing: Self.riskPlaceholder, produce: { write in try eachRisk(write) }, to: sink)
    }
}
