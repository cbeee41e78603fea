extension Timeline {
    /// One control over the series: the share of runs in which it passed and the intervals in which it did
    /// not (fail, warn or not assessed) — what an auditor writes up as a control exception.
    public struct ControlSeries: Sendable, Codable, Equatable {
        public var id: String
        /// Passing runs / runs that selected the control, rounded to 4 decimals.
        public var passRatio: Double
        public var runs: Int
        public var failingIntervals: [Interval]

        public init(id: String, passRatio: Double, runs: Int, failingIntervals: [Interval]) {
            self.id = id
            self.passRatio = passRatio
            self.runs = runs
            self.failingIntervals = failingIntervals
        }

        enum CodingKeys: String, CodingKey {
            case id, runs
            case passRatio = "pass_ratio"
            case failingIntervals = "failing_intervals"
        }
    }

    /// Consecutive runs in which a control did not pass: the first and last such run's collection times.
    public struct Interval: Sendable, Codable, Equatable {
        public var from: String
        public var to: String
        public var runs: Int
        /// The verdicts seen in the interval (`fail`, `warn`, `not_assessed`).
        public var verdicts: [String]

        public init(from: String, to: String, runs: Int, verdicts: [String]) {
            self.from = from
            self.to = to
            self.runs = runs
            self.verdicts = verdicts
        }
    }
}
