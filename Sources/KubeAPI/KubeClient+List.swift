import AuditPackCore
import Foundation

extension KubeClient {
    /// Lists every item, following `continue` page by page into `sink`. A list whose continue token expires
    /// (410 Gone) or whose page keeps failing starts over with a fresh snapshot, and after repeated failures
    /// is read in one unpaged request; pages too large for `maxResponseBytes` are asked for again with a
    /// smaller `limit`; a list that does not end (repeated token, too many pages or bytes) fails. Every way
    /// out is bounded by `options.listLimits`.
    public func list<Sink: ListSink>(_ query: ListQuery, into sink: inout Sink) async throws -> ListSummary {
        let started = ContinuousClock.now
        let path = query.resource.path(namespace: query.namespace)
        var recovery = ListRecovery(
            limits: options.listLimits,
            pageSize: options.pageSize,
            resource: query.resource.qualifiedName,
            path: path
        )
        while true {
            do {
                var summary = try await listOnce(query, path: path, limit: recovery.pageSize, into: &sink)
                summary.restarts = recovery.restarts
                summary.milliseconds = started.duration(to: .now).inMilliseconds
                logger.debug(
                    "LIST \(path): \(summary.items) items in \(summary.pages) pages, \(summary.milliseconds) ms"
                )
                return summary
            } catch {
                if Task.isCancelled || error is CancellationError { throw error }
                switch recovery.step(after: error) {
                case .fail(let failure):
                    throw failure
                case .restart(let reason, let backoff, let countsAgainstRun):
                    if case .unreachable = error as? KubeAPIError, await transport.shutDown { throw error }
                    if countsAgainstRun, !takeRunRestart() {
                        throw recovery.exhausted(
                            "all lists of this run together may restart \(options.listLimits.restartsPerRun) times "
                                + "and that budget is used up (last: \(reason))",
                            refused: true
                        )
                    }
                    logger.debug("LIST \(path): \(reason)")
                    try sink.reset()
                    if backoff {
                        try await options.retry.sleep(options.retry.delay(retry: recovery.restarts, retryAfter: nil))
                    }
                }
            }
        }
    }

    /// Takes one restart from the run's budget; false when it is used up.
    private func takeRunRestart() -> Bool {
        let budget = options.listLimits.restartsPerRun
        return listRestarts.withLock { used in
            guard used < budget else { return false }
            used += 1
            return true
        }
    }

    /// One pass over the list from its first page; `limit` nil reads it in one request.
    private func listOnce<Sink: ListSink>(
        _ query: ListQuery,
        path: String,
        limit: Int?,
        into sink: inout Sink
    ) async throws
        -> ListSummary
    {
        var pages = 0
        var items = 0
        var bytes = 0
        var tokens = Set<String>()
        var resourceVersion = ""
        let limits = options.listLimits
        let resource = query.resource.qualifiedName
        let splice = ListItem.Splice(apiVersion: query.resource.groupVersion, kind: query.resource.kind)
        let request = { (token: String?) -> APIRequest in
            var parameters: [(String, String)] = []
            if let limit { parameters.append(("limit", String(limit))) }
            if let selector = query.labelSelector { parameters.append(("labelSelector", selector)) }
            if let selector = query.fieldSelector { parameters.append(("fieldSelector", selector)) }
            if let token { parameters.append(("continue", token)) }
            return .get(path, query: parameters, authorization: ("list", query.resource.group, query.resource.name))
        }
        // The next page is requested as soon as this one's continue token is known, so the server and the
        // wire work while this page is written (page handling and fetching overlap, in order).
        let first = request(nil)
        var next: Task<APIResponse, Error>? = Task { try await self.send(first) }
        do {
            while let fetching = next {
                next = nil
                let response = try await fetching.value
                bytes += response.body.count
                let page: ListPage
                do {
                    page = try ListPage(body: response.body, splice: splice)
                } catch {
                    throw KubeAPIError.invalidResponse(path: path, reason: "a LIST page is not a JSON object")
                }
                if let token = page.continueToken {
                    guard tokens.insert(token).inserted else {
                        throw KubeAPIError.endlessList(
                            resource: resource,
                            path: path,
                            reason: "page \(pages + 1) carried a continue token the server had already sent"
                        )
                    }
                    guard pages + 1 < limits.maxPages else {
                        throw KubeAPIError.endlessList(
                            resource: resource,
                            path: path,
                            reason: "it still sent a continue token after \(limits.maxPages) pages"
                        )
                    }
                    guard bytes < limits.maxBytes else {
                        throw KubeAPIError.endlessList(
                            resource: resource,
                            path: path,
                            reason: "it still sent a continue token after \(KubeAPIError.megabytes(bytes)) "
                                + "in \(pages + 1) pages (the limit is \(KubeAPIError.megabytes(limits.maxBytes)))"
                        )
                    }
                    let following = request(token)
                    next = Task { try await self.send(following) }
                }
                if pages == 0 {
                    resourceVersion = page.metadata["resourceVersion"] as? String ?? ""
                    try sink.begin(
                        apiVersion: query.resource.groupVersion,
                        kind: query.resource.kind,
                        resourceVersion: resourceVersion
                    )
                }
                pages += 1
                try page.forEachItem { try sink.append($0) }
                items += page.count
            }
        } catch {
            // Never leave a page request running behind a failed list (it would outlive the caller).
            next?.cancel()
            _ = try? await next?.value
            throw error
        }
        return ListSummary(
            path: path,
            resourceVersion: resourceVersion,
            items: items,
            pages: pages,
            restarts: 0,
            milliseconds: 0
        )
    }

    /// Lists into memory. For small collections only; large ones go through a `ListFileWriter`.
    public func listItems(_ query: ListQuery) async throws -> (items: [[String: Any]], summary: ListSummary) {
        var sink = CollectingSink()
        let summary = try await list(query, into: &sink)
        return (sink.items, summary)
    }
}
