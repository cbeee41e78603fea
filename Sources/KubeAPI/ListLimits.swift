import Foundation

/// Bounds on one LIST and on all the LISTs of a client: how often a list may start over (expired continue
/// token, a page that keeps failing), when paging is given up for one unpaged LIST (as client-go's pager
/// does), and how many pages and bytes one list may take before the server is presumed to loop.
public struct ListLimits: Sendable {
    /// Restarts allowed for one list.
    public var restartsPerList = 8
    /// Restarts allowed for all lists of one client together (one collection run).
    public var restartsPerRun = 200
    /// Failed paged attempts after which the list is read in one request without `limit`.
    public var pagedAttemptsBeforeUnpaged = 3
    /// The smallest `limit` tried when pages are too large for `maxResponseBytes`.
    public var minimumPageSize = 1
    /// Pages one list may take (a server that never stops sending continue tokens).
    public var maxPages = 20_000
    /// Bytes one list may take over all its pages.
    public var maxBytes = 4 * 1024 * 1024 * 1024

    public init() {}
}
