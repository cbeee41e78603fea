extension Timeline {
    /// The hash chain over the runs in collection order.
    public struct Chain: Sendable, Codable, Equatable {
        public var intact: Bool
        public var breaks: [Break]

        public init(breaks: [Break]) {
            self.intact = breaks.isEmpty
            self.breaks = breaks
        }
    }

    /// A run whose `previous.manifest_sha256` is not the run before it.
    public struct Break: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable {
            /// Collected without `--previous`.
            case noLink = "no_link"
            /// Links to a package that is not in the series: a package is missing (deleted, withheld).
            case missingLink = "missing_link"
            /// Links to the same package as another run: the series forked.
            case fork
            /// Links to an earlier run of the series, skipping the runs between.
            case skips
            /// Links to a run collected later than itself.
            case outOfOrder = "out_of_order"
        }

        public var package: String
        /// The run before it in collection order (what it should link to).
        public var after: String
        public var kind: Kind
        public var detail: String

        public init(package: String, after: String, kind: Kind, detail: String) {
            self.package = package
            self.after = after
            self.kind = kind
            self.detail = detail
        }
    }
}
