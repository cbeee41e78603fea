import AuditPackCore
import Crypto
import Foundation

/// in-toto Statement v1 listing every evidence file as a subject.
public enum InToto {
    public static let predicateType = "https://auditpack.dev/evidence-package/v1"

    static func statement(for manifest: Manifest) -> Data {
        let subjects =
            (manifest.controls.map { ($0.file, $0.sha256) } + manifest.artifacts.map { ($0.file, $0.sha256) })
            .sorted { $0.0 < $1.0 }
            .map { ["name": $0.0, "digest": ["sha256": $0.1]] }
        let predicate: [String: Any] = [
            "package_id": manifest.packageID, "cluster_id": manifest.cluster.clusterID ?? NSNull(),
            "cluster_server": manifest.cluster.server, "collector": manifest.collector.username,
            "started_at": manifest.run.startedAt, "finished_at": manifest.run.finishedAt,
            "tool": "auditpack", "tool_version": manifest.run.toolVersion,
        ]
        let statement: [String: Any] = [
            "_type": "https://in-toto.io/Statement/v1", "subject": subjects, "predicateType": predicateType,
            "predicate": predicate,
        ]
        return
            (try? JSONSerialization.data(withJSONObject: statement, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data()
    }
}
