import AuditPackCore
import Foundation

/// Judges one control from evidence and `now` alone. Findings are made with `policy.finding(_:…)`, which gives
/// each the severity of its catalog rule; thresholds are read with `policy.number(_:)` / `flag` / `names`.
public protocol ControlEvaluator: Sendable {
    var controlID: String { get }
    func evaluate(_ evidence: EvidenceSet, policy: EvaluationPolicy, now: Date) -> ControlResult
}

/// Every control's evaluator. A catalog control without one is a test failure.
public enum Evaluators {
    public static let all: [any ControlEvaluator] = [
        NetworkSegmentation(), EncryptionAtRest(), RBACLeastPrivilege(), ImageScanning(), PodSecurityStandards(),
        SecretManagement(), AuditLogging(), NodeHardening(), AdmissionPolicies(), CertificateValidity(),
    ]

    public static func evaluator(for id: String) -> (any ControlEvaluator)? {
        all.first { $0.controlID == id }
    }

    /// Evaluates `controls` (default: every control that has evidence in `evidence`).
    public static func evaluate(
        _ evidence: EvidenceSet,
        catalog: Catalog,
        policy: EvaluationPolicy,
        now: Date,
        controls: [String]? = nil
    ) -> FindingsDocument {
        let ids =
            controls
            ?? catalog.controls.map(\.id).filter { id in
                catalog.control(id)?.evidence.contains { evidence.states[$0.id] != nil } ?? false
            }
        // Controls are independent and read their evidence alone: judge them side by side.
        let results = LockedBox([ControlResult?](repeating: nil, count: ids.count))
        DispatchQueue.concurrentPerform(iterations: ids.count) { index in
            let id = ids[index]
            let result = policy.applyingDisabledRules(
                to: evaluator(for: id)?.evaluate(evidence, policy: policy, now: now)
                    ?? .notAssessed(id, reason: "AuditPack has no evaluator for \(id)")
            )
            results.withLock { $0[index] = result }
        }
        return FindingsDocument(
            evaluatedAt: now,
            controls: results.withLock { $0.compactMap { $0 } },
            policy: policy.record
        )
    }
}
