import Foundation

/// One resource type the server serves (an entry of an APIResourceList).
public struct APIResource: Sendable, Equatable, Hashable {
    public var group: String
    public var version: String
    /// Plural name, as in the URL.
    public var name: String
    public var kind: String
    public var namespaced: Bool
    public var verbs: [String]

    public init(
        group: String,
        version: String,
        name: String,
        kind: String,
        namespaced: Bool,
        verbs: [String] = ["get", "list"]
    ) {
        self.group = group
        self.version = version
        self.name = name
        self.kind = kind
        self.namespaced = namespaced
        self.verbs = verbs
    }

    /// `v1` or `group/version`.
    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `/api/v1` or `/apis/group/version`.
    public var groupVersionPath: String { group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)" }

    /// `pods` or `certificates.cert-manager.io`, as kubectl names it.
    public var qualifiedName: String { group.isEmpty ? name : "\(name).\(group)" }

    /// The collection path, across all namespaces when `namespace` is nil.
    public func path(namespace: String? = nil) -> String {
        if let namespace, namespaced { return "\(groupVersionPath)/namespaces/\(namespace)/\(name)" }
        return "\(groupVersionPath)/\(name)"
    }
}

/// What `/version` says.
public struct ServerVersion: Sendable, Equatable, Codable {
    public var major: String
    public var minor: String
    public var gitVersion: String
    public var platform: String?
}

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

extension KubeClient {
    /// `/version`, cached.
    public func serverVersion() async throws -> ServerVersion {
        let body = try await discoveryDocument("/version") ?? Data()
        guard let version = try? JSONDecoder().decode(ServerVersion.self, from: body) else {
            throw KubeAPIError.invalidResponse(path: "/version", reason: "not a version document")
        }
        return version
    }

    /// Finds the resource type `name` (plural) in `group` ("" for core). Picks the first of
    /// `preferredVersions` the server serves, else the group's preferred version.
    /// Returns nil when the type is not installed (e.g. its CRD is absent); throws on errors.
    public func resource(group: String, name: String, preferredVersions: [String] = []) async throws -> APIResource? {
        let versions: [String]
        if group.isEmpty {
            versions = ["v1"]
        } else {
            guard let served = try await apiGroups()[group] else { return nil }
            let preferred = preferredVersions.filter(served.versions.contains)
            versions = preferred + [served.preferred] + served.versions
        }
        for version in versions {
            let resources = try await resourceList(group: group, version: version)
            if let match = resources.first(where: { $0.name == name }) { return match }
        }
        return nil
    }

    /// All API groups with their served and preferred versions, cached.
    public func apiGroups() async throws -> [String: (versions: [String], preferred: String)] {
        let body = try await discoveryDocument("/apis") ?? Data()
        guard let document = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
            let groups = document["groups"] as? [[String: Any]]
        else {
            throw KubeAPIError.invalidResponse(path: "/apis", reason: "not an APIGroupList")
        }
        var result: [String: (versions: [String], preferred: String)] = [:]
        for group in groups {
            guard let name = group["name"] as? String else { continue }
            let versions = (group["versions"] as? [[String: Any]] ?? []).compactMap { $0["version"] as? String }
            let preferred = (group["preferredVersion"] as? [String: Any])?["version"] as? String ?? versions.first ?? ""
            result[name] = (versions, preferred)
        }
        return result
    }

    /// The resources of one group-version, cached; empty when the group-version is not served.
    public func resourceList(group: String, version: String) async throws -> [APIResource] {
        let path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        guard let body = try await discoveryDocument(path) else { return [] }  // group-version not served
        guard let document = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any],
            let entries = document["resources"] as? [[String: Any]]
        else {
            throw KubeAPIError.invalidResponse(path: path, reason: "not an APIResourceList")
        }
        let resources = entries.compactMap { entry -> APIResource? in
            guard let name = entry["name"] as? String, !name.contains("/"), let kind = entry["kind"] as? String else {
                return nil  // subresources such as pods/log
            }
            return APIResource(
                group: group,
                version: version,
                name: name,
                kind: kind,
                namespaced: entry["namespaced"] as? Bool ?? false,
                verbs: entry["verbs"] as? [String] ?? []
            )
        }
        return resources
    }
}

extension KubeClient {
    /// A discovery document's body, fetched once per run; nil when the server answers 404.
    func discoveryDocument(_ path: String) async throws -> Data? {
        try await discovery.document(path) { [self] in
            do {
                return try await send(.get(path)).body
            } catch KubeAPIError.notFound {
                return nil
            }
        }
    }
}
