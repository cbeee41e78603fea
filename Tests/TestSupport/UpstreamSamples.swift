import Foundation

/// Where tests find files that are not their own resources. Everything is inside this repository except the
/// brief, which CI always has beside the clone (`../shared/mission`) and only `BriefCompatibilityTests` reads.
public enum UpstreamSamples {
    /// The repository's root folder (this file is Tests/TestSupport/UpstreamSamples.swift).
    public static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Real upstream outputs and objects (kube-bench, Trivy, Kyverno, …): Tests/Fixtures/upstream, with its
    /// PROVENANCE.md and licences.
    public static let root = repository.appendingPathComponent("Tests/Fixtures/upstream")

    /// One sample, by its path below `root` (`"trivy/trivy-image-alpine-3.9.json"`).
    public static func url(_ relative: String) -> URL {
        root.appendingPathComponent(relative)
    }

    /// The brief's text, whose verification snippets `BriefCompatibilityTests` runs unchanged.
    public static let brief = repository.deletingLastPathComponent()
        .appendingPathComponent("shared/mission/000_4ed5eca9167d0453.txt")
}
