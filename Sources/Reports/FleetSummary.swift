import AuditPackCore
import Evaluation
import Foundation

/// Every cluster of a fleet at a glance: a control × cluster matrix of verdicts with finding counts, and
/// each cluster's status (ok, partial — some items not collected —, or failed with the reason).
public struct FleetSummary: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        case ok, partial, failed
    }

    public struct Cluster: Sendable, Codable, Equatable {
        public var context: String
        public var status: Status
        public var reason: String?
        public var package: String?
        public var clusterID: String?
        public var server: String?
        public var collectedAt: String?
        /// Control id → verdict (pass, warn, fail, not_assessed).
        public var verdicts: [String: String]
        /// Control id → severity → number of findings.
        public var findings: [String: [String: Int]]

        enum CodingKeys: String, CodingKey {
            case context, status, reason, package, server, verdicts, findings
            case clusterID = "cluster_id"
            case collectedAt = "collected_at"
        }

        public init(context: String, failure reason: String) {
            self.context = context
            status = .failed
            self.reason = reason
            verdicts = [:]
            findings = [:]
        }

        public init(context: String, package: String, manifest: Manifest, findings document: FindingsDocument) {
            self.context = context
            let incomplete = manifest.controls.filter { $0.status != .ok && $0.status != .notApplicable }
            status = incomplete.isEmpty ? .ok : .partial
            reason =
                incomplete.isEmpty
                ? nil
                : "not collected: " + incomplete.map { "\($0.id) (\($0.status.rawValue))" }.joined(separator: ", ")
            self.package = package
            clusterID = manifest.cluster.clusterID
            server = manifest.cluster.server
            collectedAt = manifest.run.startedAt
            verdicts = Dictionary(uniqueKeysWithValues: document.controls.map { ($0.id, $0.verdict.rawValue) })
            findings = Dictionary(
                uniqueKeysWithValues: document.controls.map { result in
                    (result.id, Dictionary(grouping: result.findings, by: \.severity.rawValue).mapValues(\.count))
                }
            )
        }
    }

    public var generatedAt: String
    public var clusters: [Cluster]

    enum CodingKeys: String, CodingKey {
        case clusters
        case generatedAt = "generated_at"
    }

    public init(generatedAt: Date, clusters: [Cluster]) {
        self.generatedAt = Timestamp.format(generatedAt)
        self.clusters = clusters.sorted { $0.context < $1.context }
    }

    /// The controls that appear in any cluster, in id order.
    public var controlIDs: [String] { Set(clusters.flatMap(\.verdicts.keys)).sorted() }

    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }
}
