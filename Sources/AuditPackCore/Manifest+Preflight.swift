import Foundation

extension Manifest {
    /// What preflight predicted before collection (optional: older packages have none).
    public struct Preflight: Sendable, Codable, Equatable {
        /// Items the identity may read.
        public var allowed: Int
        /// Items predicted `forbidden` or `not_installed`, with what is missing.
        public var gaps: [Gap]
        /// Why preflight could not run (e.g. SelfSubjectAccessReview itself forbidden); the items then say.
        public var error: String?

        public init(allowed: Int, gaps: [Gap], error: String? = nil) {
            self.allowed = allowed
            self.gaps = gaps
            self.error = error
        }

        /// One item preflight said will not be collected.
        public struct Gap: Sendable, Codable, Equatable {
            public var id: String
            public var status: String
            public var missing: [String]

            public init(id: String, status: String, missing: [String]) {
                self.id = id
                self.status = status
                self.missing = missing
            }
        }
    }
}
