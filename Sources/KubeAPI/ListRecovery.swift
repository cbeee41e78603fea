import Foundation

/// How one LIST recovers from a failed attempt: start over with a fresh snapshot (expired continue token,
/// a page that failed after its retries), read it unpaged after repeated failures (as client-go's pager
/// falls back to one full LIST), or ask for smaller pages when a page is too large. Bounded by `ListLimits`.
struct ListRecovery {
    /// What to do after a failed attempt.
    enum Step {
        /// Start over; `backoff` when the server seemed overloaded; `countsAgainstRun` when the attempt used
        /// up part of the run's restart budget.
        case restart(reason: String, backoff: Bool, countsAgainstRun: Bool)
        case fail(Error)
    }

    let limits: ListLimits
    let resource: String
    let path: String
    /// The `limit` of the next attempt; nil reads the list in one unpaged request.
    private(set) var pageSize: Int?
    /// Restarts so far (expired tokens and failed pages; smaller pages do not count).
    private(set) var restarts = 0
    private var transientRestarts = 0
    private var pagedFailures = 0
    private var lastPageSize: Int
    /// Set once an unpaged read was too large: paging is then kept.
    private var unpagedTooLarge = false

    /// Restarts allowed for failures that survived the per-request retries (the server keeps failing).
    static let transientRestartsPerList = 2

    init(limits: ListLimits, pageSize: Int, resource: String, path: String) {
        self.limits = limits
        self.resource = resource
        self.path = path
        self.pageSize = max(1, pageSize)
        self.lastPageSize = max(1, pageSize)
    }

    /// The step after `error` ended an attempt.
    mutating func step(after error: Error) -> Step {
        guard let error = error as? KubeAPIError else { return .fail(error) }
        switch error {
        case .server(410, _, _):
            guard restarts < limits.restartsPerList else {
                return .fail(exhausted("its continue token kept expiring (410 Gone)"))
            }
            restarts += 1
            return .restart(
                reason: "the continue token expired (410 Gone); " + pagedAttemptFailed(),
                backoff: false,
                countsAgainstRun: true
            )
        case .server(let status, _, _) where RetryPolicy.isRetryable(status: status):
            return transient(error, what: "HTTP \(status)")
        case .unreachable:
            return transient(error, what: "a connection failure")
        case .responseTooLarge(_, let limitBytes):
            return shrink(limitBytes: limitBytes)
        default:
            return .fail(error)
        }
    }

    private mutating func transient(_ error: KubeAPIError, what: String) -> Step {
        guard restarts < limits.restartsPerList, transientRestarts < Self.transientRestartsPerList else {
            return .fail(error)
        }
        restarts += 1
        transientRestarts += 1
        return .restart(
            reason: "a page failed with \(what) after its retries; " + pagedAttemptFailed(),
            backoff: true,
            countsAgainstRun: true
        )
    }

    /// Counts a failed paged attempt; after enough of them the next attempt is unpaged.
    private mutating func pagedAttemptFailed() -> String {
        guard let size = pageSize else { return "restarting the unpaged list" }
        pagedFailures += 1
        guard pagedFailures >= limits.pagedAttemptsBeforeUnpaged, !unpagedTooLarge else {
            return "restarting with a fresh snapshot"
        }
        lastPageSize = size
        pageSize = nil
        return "paging failed \(pagedFailures) times; reading the list in one unpaged request"
    }

    private mutating func shrink(limitBytes: Int) -> Step {
        guard let size = pageSize else {
            // The unpaged fallback does not fit: page again, with smaller pages, and stay paged.
            unpagedTooLarge = true
            pageSize = max(limits.minimumPageSize, lastPageSize / 2)
            return .restart(
                reason: "the unpaged list exceeds \(KubeAPIError.megabytes(limitBytes)); paging with limit "
                    + "\(pageSize ?? 1)",
                backoff: false,
                countsAgainstRun: false
            )
        }
        guard size > limits.minimumPageSize else {
            return .fail(
                KubeAPIError.pageTooLarge(resource: resource, path: path, pageSize: size, limitBytes: limitBytes)
            )
        }
        let smaller = max(limits.minimumPageSize, size / 2)
        pageSize = smaller
        lastPageSize = smaller
        return .restart(
            reason: "a page of \(size) items exceeds \(KubeAPIError.megabytes(limitBytes)); retrying with limit "
                + "\(smaller)",
            backoff: false,
            countsAgainstRun: false
        )
    }

    /// The error for a list that may not restart again; `refused` when the last restart was counted but
    /// not made.
    func exhausted(_ cause: String, refused: Bool = false) -> KubeAPIError {
        .listRestartsExhausted(resource: resource, path: path, restarts: restarts - (refused ? 1 : 0), cause: cause)
    }
}
