import Foundation

/// Problems of `auditpack diff` and `auditpack timeline`: each names the file and what to do. All exit 2.
public enum SeriesError: Error, CustomStringConvertible, Equatable {
    /// The package cannot be read, is not a package, or does not verify (with the trusted key, when given).
    case notVerified(path: String, reasons: [String])
    /// A timeline mixes clusters: package path and cluster, for every cluster seen.
    case differentClusters([String: [String]])
    case noPackages(directory: String)
    case unreadableDirectory(path: String, reason: String)
    /// Two arguments name the same package file.
    case duplicatePackage(path: String)

    public var description: String {
        switch self {
        case .notVerified(let path, let reasons):
            return "\(path) does not verify (\(reasons.prefix(3).joined(separator: "; "))). Run `auditpack verify "
                + "\(path)` for details; only intact packages are compared. Leave it out, or restore the original."
        case .differentClusters(let clusters):
            let listed = clusters.sorted { $0.key < $1.key }.map { cluster, packages in
                "cluster \(cluster): \(packages.sorted().joined(separator: ", "))"
            }
            return "The packages come from different clusters (\(listed.joined(separator: "; "))). A timeline is "
                + "one cluster's series: run `auditpack timeline` once per cluster, with that cluster's packages."
        case .noPackages(let directory):
            return "\(directory) holds no .zip package. Name a folder with AuditPack packages, or list them."
        case .unreadableDirectory(let path, let reason):
            return "Cannot list \(path) (\(reason)). Name a readable folder with --directory."
        case .duplicatePackage(let path):
            return "\(path) is named twice. List each package once."
        }
    }

    public var exitCode: Int32 { 2 }
}
