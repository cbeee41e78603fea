import Foundation

extension Catalog {
    /// What every item of one source kind reads from the API (`source_kinds.<kind>` in the catalog).
    public struct SourceKind: Sendable, Codable, Equatable {
        public var reads: [APIRead]

        public init(reads: [APIRead]) {
            self.reads = reads
        }
    }
}
