import AuditPackCore
import Evaluation
import Foundation
import Packaging
import Reports

/// `auditpack timeline`: one cluster's packages verified, ordered by collection time, and read as a series.
public enum TimelineWorkflow {
    public struct Request: Sendable {
        public var packages: [URL]
        public var expectEvery: String
        public var from: Date?
        public var to: Date?
        public var trust: PackageVerifier.Trust

        public init(
            packages: [URL],
            expectEvery: String = "24h",
            from: Date? = nil,
            to: Date? = nil,
            trust: PackageVerifier.Trust = .none
        ) {
            self.packages = packages
            self.expectEvery = expectEvery
            self.from = from
            self.to = to
            self.trust = trust
        }
    }

    /// Every `.zip` directly in `directory` (hidden files left out), sorted by name.
    public static func packages(in directory: URL) throws -> [URL] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw SeriesError.unreadableDirectory(path: directory.path, reason: "\(error.localizedDescription)")
        }
        let packages = names.filter { $0.hasSuffix(".zip") && !$0.hasPrefix(".") }.sorted()
            .map { directory.appendingPathComponent($0) }
        guard !packages.isEmpty else { throw SeriesError.noPackages(directory: directory.path) }
        return packages
    }

    /// Throws `SeriesError` (exit 2) when a package does not verify or the packages come from different clusters.
    public static func run(_ request: Request) throws -> Timeline {
        var seen = Set<String>()
        for url in request.packages where !seen.insert(url.standardizedFileURL.path).inserted {
            throw SeriesError.duplicatePackage(path: url.path)
        }
        let interval = RunInterval.parse(request.expectEvery) ?? 86_400
        var opened: [(summary: PackageSummary, run: Timeline.Run, date: Date)] = []
        for url in request.packages {
            let package = try VerifiedPackage.open(url, trust: request.trust)
            let findings = try package.findings()
            opened.append((package.summary, run(package, findings), package.collectedAt))
        }
        let clusters = Dictionary(grouping: opened, by: \.summary.clusterKey)
        if clusters.count > 1 {
            throw SeriesError.differentClusters(clusters.mapValues { $0.map(\.summary.package) })
        }
        let inWindow = opened.filter { entry in
            (request.from.map { entry.date >= $0 } ?? true) && (request.to.map { entry.date <= $0 } ?? true)
        }.sorted { ($0.date, $0.summary.package) < ($1.date, $1.summary.package) }
        let latest = inWindow.last?.summary ?? opened.last?.summary
        let runs = inWindow.map(\.run)
        return Timeline(
            cluster: Timeline.Cluster(
                id: latest?.clusterID,
                server: latest?.server ?? "",
                context: latest?.context ?? ""
            ),
            window: Timeline.Window(
                from: request.from.map(Timestamp.format),
                to: request.to.map(Timestamp.format),
                expectEvery: request.expectEvery,
                expectEverySeconds: Int(interval),
                toleranceSeconds: Int(interval * SeriesAnalysis.tolerance)
            ),
            runs: runs,
            chain: Timeline.Chain(breaks: SeriesAnalysis.breaks(runs)),
            missedRuns: SeriesAnalysis.missedRuns(
                inWindow.map(\.date),
                every: interval,
                from: request.from,
                to: request.to
            ),
            controls: SeriesAnalysis.controls(runs)
        )
    }

    static func run(_ package: VerifiedPackage, _ findings: FindingsDocument) -> Timeline.Run {
        var counts = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, 0) })
        for finding in findings.controls.flatMap(\.findings) { counts[finding.severity.rawValue, default: 0] += 1 }
        let summary = package.summary
        return Timeline.Run(
            package: summary.package,
            packageID: summary.packageID,
            collectedAt: summary.collectedAt,
            manifestSHA256: summary.manifestSHA256,
            previousManifestSHA256: summary.previousManifestSHA256,
            verdicts: Dictionary(
                findings.controls.map { ($0.id, $0.verdict) },
                uniquingKeysWith: { first, _ in first }
            ),
            findings: counts,
            wallMilliseconds: package.manifest.run.wallMilliseconds
        )
    }
}
