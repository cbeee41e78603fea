import Foundation

/// Per-run cache of discovery documents: `/version`, `/apis` and group-version resource lists are each
/// fetched at most once — concurrent callers share the request in flight.
actor DiscoveryCache {
    private var documents: [String: Task<Data?, Error>] = [:]

    /// The body at `path` (nil for 404), fetched once however many callers ask at the same time.
    func document(_ path: String, fetch: @escaping @Sendable () async throws -> Data?) async throws -> Data? {
        if let task = documents[path] { return try await task.value }
        let task = Task { try await fetch() }
        documents[path] = task
        return try await task.value
    }
}
