import AuditPackCore
import Foundation

/// What to collect and how.
public struct CollectionOptions: Sendable {
    /// Control ids to collect (C01…C10); nil collects all.
    public var controls: Set<String>?
    /// Name prefix of the kube-bench Job whose latest completed run is read.
    public var kubeBenchJobPrefix = "kube-bench"
    /// Existing Trivy JSON reports to import into C04.
    public var trivyReports: [URL] = []
    /// A `trivy` executable to scan running images with when trivy-operator is not installed.
    public var trivyExecutable: String?
    /// Time allowed for one `trivy image` run.
    public var trivyTimeout: Duration = .seconds(300)
    /// Scans at once with the local trivy.
    public var trivyConcurrency = 2
    /// Ask the server what may be read before collecting (SelfSubjectAccessReviews), and record the answer.
    public var preflight = true
    /// The collecting machine's name, recorded as provenance.
    public var host: String? = ProcessInfo.processInfo.hostName
    public var clock: @Sendable () -> Date = { Date() }
    /// Called as each item finishes (from any task).
    public var progress: (@Sendable (Manifest.Entry) -> Void)?

    public init() {}
}

/// The evidence of one run: the manifest (without artifacts) and the folder holding exactly its files.
public struct CollectionRun: Sendable {
    public var manifest: Manifest
    public var evidenceFolder: URL
}

/// Problems that stop a collection before any evidence exists.
public enum CollectionError: Error, CustomStringConvertible {
    case unknownControls([String], known: [String])
    case noControls(known: [String])

    public var description: String {
        switch self {
        case .unknownControls(let ids, let known):
            return "Unknown control id(s) \(ids.joined(separator: ", ")). Known: \(known.joined(separator: ", "))."
        case .noControls(let known):
            return "No control selected. Name at least one of \(known.joined(separator: ", ")), or omit --controls."
        }
    }
}
