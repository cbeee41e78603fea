import Foundation

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
