extension Timeline {
    /// The window asked for (`--from`/`--to`, `null` when open) and the expected interval between runs.
    public struct Window: Sendable, Codable, Equatable {
        public var from: String?
        public var to: String?
        /// `--expect-every` as given, e.g. "24h".
        public var expectEvery: String
        public var expectEverySeconds: Int
        /// A gap counts as missed runs when longer than this (1.5 × the interval).
        public var toleranceSeconds: Int

        public init(from: String?, to: String?, expectEvery: String, expectEverySeconds: Int, toleranceSeconds: Int) {
            self.from = from
            self.to = to
            self.expectEvery = expectEvery
            self.expectEverySeconds = expectEverySeconds
            self.toleranceSeconds = toleranceSeconds
        }

        enum CodingKeys: String, CodingKey {
            case from, to
            case expectEvery = "expect_every"
            case expectEverySeconds = "expect_every_seconds"
            case toleranceSeconds = "gap_tolerance_seconds"
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encode(expectEvery, forKey: .expectEvery)
            try container.encode(expectEverySeconds, forKey: .expectEverySeconds)
            try container.encode(toleranceSeconds, forKey: .toleranceSeconds)
        }
    }
}
