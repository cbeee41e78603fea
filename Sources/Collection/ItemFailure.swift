import AuditPackCore
import Foundation
import KubeAPI

/// A failed dependency, carried as the outcome the item should report.
struct ItemFailure: Error {
    var outcome: ItemOutcome
}
