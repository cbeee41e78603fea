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
    /// Ask the server what may be read before collecting (SelfSubjectAccessReviews), and record the answer.
    public var preflight = true
    /// The collecting machine's name, recorded as provenance.
    public var host: String? = ProcessInfo.processInfo.hostName
    public var clock: @Sendable () -> Date = { Date() }
    /// Called as each item finishes (from any task).
    public var progress: (@Sendable (Manifest.Entry) -> Void)?

    public init() {}
}
