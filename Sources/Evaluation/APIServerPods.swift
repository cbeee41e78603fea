import AuditPackCore
import Foundation

/// The kube-apiserver pods of evidence C02 (the raw pod List), with their flags read the same way the
/// collector reads them — so C02 and C07 are re-performed from the raw objects, not from a derived file.
enum APIServerPods {
    static func flags(_ evidence: EvidenceSet) -> [(ref: ObjectRef, arguments: [String])]? {
        guard let pods = evidence.items("C02") else { return nil }
        return pods.map { (K8s.ref($0, kind: "Pod"), APIServerFlags.arguments(of: $0)) }
    }
}
