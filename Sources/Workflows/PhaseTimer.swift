import AuditPackCore
import Collection
import Evaluation
import Foundation
import KubeAPI
import Logging
import Packaging
import Reports

/// Logs how long each phase of a run took (`--verbose`), so a slow run says where its time went.
struct PhaseTimer {
    let logger: Logger
    private var started = ContinuousClock.now

    init(logger: Logger) {
        self.logger = logger
    }

    mutating func end(_ phase: String) {
        logger.debug("\(phase): \(started.duration(to: .now).inMilliseconds) ms")
        started = .now
    }
}
