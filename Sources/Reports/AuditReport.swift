import AuditPackCore
import Evaluation
import Foundation

/// Everything the report formats show, computed once from a manifest, its findings, the catalog and a policy.
public struct AuditReport: Sendable, Codable, Equatable {
    public struct TimeRow: Sendable, Codable, Equatable {
        public var control: String
        public var title: String
        /// Sum of the control's item times (what collecting it took).
        public var collectionMilliseconds: Int
        public var manualMinutes: Int
        /// automated (every item collected), partial, or manual (nothing collected).
        public var status: String
        public var verdict: String
    }

    public struct Totals: Sendable, Codable, Equatable {
        public var wallMilliseconds: Int
        public var itemMillisecondsSum: Int
        /// The manual baseline: the catalog's `manual_minutes`, an estimate (nobody timed it), so no report
        /// divides it by the measured wall time.
        public var manualMinutes: Int
        /// Always true today: the manual side is an estimate; a speed-up needs both sides measured.
        public var manualIsEstimate: Bool
        /// Share of the manual baseline (in minutes) whose evidence was collected automatically.
        public var automationPercent: Int
    }

    public struct Gap: Sendable, Codable, Equatable {
        public var item: String
        public var control: String
        public var description: String
        public var status: String
        public var reason: String
        public var fix: String
    }

    /// An item `not_applicable` because another item carries its evidence (catalog `covered_by`): not a gap.
    public struct CoveredItem: Sendable, Codable, Equatable {
        public var item: String
        public var coveredBy: String
        public var reason: String
    }

    /// A rule a policy file disabled for this evaluation, with its reason and the findings set aside.
    public struct DisabledRuleRow: Sendable, Codable, Equatable {
        public var control: String
        public var rule: String
        public var reason: String
        public var findings: Int
    }

    public struct SlowItem: Sendable, Codable, Equatable {
        public var item: String
        public var description: String
        public var milliseconds: Int
    }

    public struct BacklogItem: Sendable, Codable, Equatable {
        public var id: String
        public var control: String
        public var source: String
        public var rule: String
        public var severity: String
        public var action: String
        public var objects: [String]
        /// The secret-scan detectors behind the findings (`name:PASSWORD`, `value:jwt`, `field`), when any.
        public var detectors: [String]
        public var owner: String
        public var priority: String
        public var due: String
    }

    public struct FrameworkRow: Sendable, Codable, Equatable {
        public var requirement: String
        public var controls: [String]
        public var verdicts: [String]
    }

    public var packageID: String
    public var cluster: String
    public var collectedAt: String
    public var evaluatedAt: String
    public var framework: String?
    public var timeToEvidence: [TimeRow]
    public var totals: Totals
    public var gaps: [Gap]
    public var covered: [CoveredItem]
    public var failing: [ControlResult]
    /// Rules the policy file disabled (their findings are not in `failing` or the backlog).
    public var disabledRules: [DisabledRuleRow]
    public var slowest: [SlowItem]
    public var backlog: [BacklogItem]
    public var frameworkView: [FrameworkRow]
    /// Evidence file per item id, for links.
    public var evidenceFiles: [String: String]
    /// Effective permissions of non-system subjects (C03f), when the evidence was at hand.
    public var permissions: PermissionsView?
}
