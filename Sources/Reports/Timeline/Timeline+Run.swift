import Evaluation

extension Timeline {
    /// One package of the series.
    public struct Run: Sendable, Codable, Equatable {
        public var package: String
        public var packageID: String
        public var collectedAt: String
        public var manifestSHA256: String
        public var previousManifestSHA256: String?
        /// Verdict by control id, for the controls the run selected.
        public var verdicts: [String: Verdict]
        /// Finding counts by severity (`critical`, `high`, `medium`, `low`; every key present).
        public var findings: [String: Int]
        /// Time to evidence: the run's wall time.
        public var wallMilliseconds: Int

        public init(
            package: String,
            packageID: String,
            collectedAt: String,
            manifestSHA256: String,
            previousManifestSHA256: String?,
            verdicts: [String: Verdict],
            findings: [String: Int],
            wallMilliseconds: Int
        ) {
            self.package = package
            self.packageID = packageID
            self.collectedAt = collectedAt
            self.manifestSHA256 = manifestSHA256
            self.previousManifestSHA256 = previousManifestSHA256
            self.verdicts = verdicts
            self.findings = findings
            self.wallMilliseconds = wallMilliseconds
        }

        public var findingTotal: Int { findings.values.reduce(0, +) }

        enum CodingKeys: String, CodingKey {
            case package, verdicts, findings
            case packageID = "package_id"
            case collectedAt = "collected_at"
            case manifestSHA256 = "manifest_sha256"
            case previousManifestSHA256 = "previous_manifest_sha256"
            case wallMilliseconds = "wall_ms"
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(package, forKey: .package)
            try container.encode(packageID, forKey: .packageID)
            try container.encode(collectedAt, forKey: .collectedAt)
            try container.encode(manifestSHA256, forKey: .manifestSHA256)
            try container.encode(previousManifestSHA256, forKey: .previousManifestSHA256)
            try container.encode(verdicts, forKey: .verdicts)
            try container.encode(findings, forKey: .findings)
            try container.encode(wallMilliseconds, forKey: .wallMilliseconds)
        }
    }
}
