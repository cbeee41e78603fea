import Foundation

/// One package as `diff` and `timeline` name it: where it is, what it is, and whose it is.
public struct PackageSummary: Sendable, Codable, Equatable {
    /// The file name of the package.
    public var package: String
    public var packageID: String
    public var clusterID: String?
    public var server: String
    public var context: String
    /// The collection start (`run.started_at`).
    public var collectedAt: String
    /// SHA-256 of the package's manifest.json: what the next package of a chain records.
    public var manifestSHA256: String
    /// The manifest hash of the package this one links to, if any.
    public var previousManifestSHA256: String?
    /// `trusted`, `signed_not_checked` or `unsigned`.
    public var signature: String

    public init(
        package: String,
        packageID: String,
        clusterID: String?,
        server: String,
        context: String,
        collectedAt: String,
        manifestSHA256: String,
        previousManifestSHA256: String?,
        signature: String
    ) {
        self.package = package
        self.packageID = packageID
        self.clusterID = clusterID
        self.server = server
        self.context = context
        self.collectedAt = collectedAt
        self.manifestSHA256 = manifestSHA256
        self.previousManifestSHA256 = previousManifestSHA256
        self.signature = signature
    }

    /// What identifies the cluster: its id (kube-system uid), else the server URL.
    public var clusterKey: String { clusterID ?? server }

    enum CodingKeys: String, CodingKey {
        case package, server, context, signature
        case packageID = "package_id"
        case clusterID = "cluster_id"
        case collectedAt = "collected_at"
        case manifestSHA256 = "manifest_sha256"
        case previousManifestSHA256 = "previous_manifest_sha256"
    }

    /// Every key is written, `null` when absent: the JSON shape never changes.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(package, forKey: .package)
        try container.encode(packageID, forKey: .packageID)
        try container.encode(clusterID, forKey: .clusterID)
        try container.encode(server, forKey: .server)
        try container.encode(context, forKey: .context)
        try container.encode(collectedAt, forKey: .collectedAt)
        try container.encode(manifestSHA256, forKey: .manifestSHA256)
        try container.encode(previousManifestSHA256, forKey: .previousManifestSHA256)
        try container.encode(signature, forKey: .signature)
    }
}
