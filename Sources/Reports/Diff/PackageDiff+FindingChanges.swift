import Foundation

extension PackageDiff {
    /// Findings matched by control, rule and object.
    public struct FindingChanges: Sendable, Codable, Equatable {
        /// In NEW, not in OLD.
        public var new: [ControlFinding]
        /// In OLD, not in NEW.
        public var resolved: [ControlFinding]
        /// In both (as NEW states them).
        public var persisting: [ControlFinding]

        public init(new: [ControlFinding], resolved: [ControlFinding], persisting: [ControlFinding]) {
            self.new = new
            self.resolved = resolved
            self.persisting = persisting
        }
    }
}
