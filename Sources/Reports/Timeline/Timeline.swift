import Evaluation
import Foundation

/// One cluster's series of packages over an observation window (`auditpack timeline`): the runs in
/// collection order, the hash chain, the runs that were missed, and how each control held up. Its JSON form
/// is stable: every key is always written (`null` or `[]` when empty), and keys are only ever added.
public struct Timeline: Sendable, Codable, Equatable {
    public var cluster: Cluster
    public var window: Window
    public var runs: [Run]
    public var chain: Chain
    public var missedRuns: [MissedRun]
    public var controls: [ControlSeries]

    public init(
        cluster: Cluster,
        window: Window,
        runs: [Run],
        chain: Chain,
        missedRuns: [MissedRun],
        controls: [ControlSeries]
    ) {
        self.cluster = cluster
        self.window = window
        self.runs = runs
        self.chain = chain
        self.missedRuns = missedRuns
        self.controls = controls
    }

    enum CodingKeys: String, CodingKey {
        case cluster, window, runs, chain, controls
        case missedRuns = "missed_runs"
    }

    /// Whether anything needs explaining to an auditor: a broken chain or a missed run (exit 1).
    public var hasGaps: Bool { !chain.intact || !missedRuns.isEmpty }
}
