import Evaluation
import Foundation

extension PackageDiff {
    /// The changes in one evidence item.
    public struct EvidenceChange: Sendable, Codable, Equatable {
        public var item: String
        public var file: String
        /// The item's status in each package (`ok`, `forbidden`, …; `null` when absent); objects are compared
        /// only when both are `ok`.
        public var oldStatus: String?
        public var newStatus: String?
        public var added: [ObjectChange]
        public var removed: [ObjectChange]
        public var changed: [ObjectChange]

        public init(
            item: String,
            file: String,
            oldStatus: String?,
            newStatus: String?,
            added: [ObjectChange] = [],
            removed: [ObjectChange] = [],
            changed: [ObjectChange] = []
        ) {
            self.item = item
            self.file = file
            self.oldStatus = oldStatus
            self.newStatus = newStatus
            self.added = added
            self.removed = removed
            self.changed = changed
        }

        public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty && oldStatus == newStatus }

        enum CodingKeys: String, CodingKey {
            case item, file, added, removed, changed
            case oldStatus = "old_status"
            case newStatus = "new_status"
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(item, forKey: .item)
            try container.encode(file, forKey: .file)
            try container.encode(oldStatus, forKey: .oldStatus)
            try container.encode(newStatus, forKey: .newStatus)
            try container.encode(added, forKey: .added)
            try container.encode(removed, forKey: .removed)
            try container.encode(changed, forKey: .changed)
        }
    }
}
