extension Timeline {
    /// A gap between two consecutive runs (or a window edge and a run) longer than the tolerance.
    public struct MissedRun: Sendable, Codable, Equatable {
        /// The collection time of the run before the gap (or `--from`).
        public var after: String
        /// The collection time of the run after the gap (or `--to`).
        public var before: String
        /// How many runs the gap lacks at the expected interval.
        public var missed: Int

        public init(after: String, before: String, missed: Int) {
            self.after = after
            self.before = before
            self.missed = missed
        }
    }
}
