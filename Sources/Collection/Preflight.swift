import AuditPackCore
import Foundation
import KubeAPI

/// Asks the server, before anything is collected, whether each evidence item can be read: discovery for
/// each resource type it reads, a SelfSubjectAccessReview for each permission (each asked once per run).
public enum Preflight {
    /// Throws when the server cannot be reached, or when it refuses the access reviews themselves.
    /// `username` skips asking who we are when the caller already knows. `background` sends the access reviews
    /// beside other requests (collect's own lists) instead of before them.
    public static func check(
        client: KubeClient,
        catalog: Catalog,
        controls: Set<String>?,
        username known: String? = nil,
        background: Bool = false
    ) async throws -> PreflightReport {
        // A caller that knows who we are has reached the server already.
        if known == nil { _ = try await client.serverVersion() }
        let username: String?
        if let known { username = known } else { username = try? await client.whoAmI().username }
        let answers = AccessAnswers(client: client, background: background)
        let items = catalog.items(of: controls)
        let results = try await withThrowingTaskGroup(of: (Int, PreflightReport.Item).self) { group in
            for (index, (control, item)) in items.enumerated() {
                let reads = catalog.reads(of: item)
                group.addTask {
                    let (status, missing) = try await assess(reads, answers: answers, client: client)
                    let result = PreflightReport.Item(
                        id: item.id,
                        control: control.id,
                        description: item.description,
                        status: status,
                        missing: missing
                    )
                    return (index, result)
                }
            }
            var collected: [(Int, PreflightReport.Item)] = []
            for try await result in group { collected.append(result) }
            return collected.sorted { $0.0 < $1.0 }.map(\.1)
        }
        return PreflightReport(server: client.config.server, username: username, items: results)
    }

    /// An item is not_installed when a type it reads is not served (collection discovers before it lists),
    /// else forbidden when a permission is denied, else allowed.
    static func assess(
        _ reads: [APIRead],
        answers: AccessAnswers,
        client: KubeClient
    ) async throws
        -> (PreflightReport.Status, [String])
    {
        var absent: [String] = []
        var denied: [String] = []
        var permissions: [Permission] = []
        for read in reads where read.nonResourceURLs == nil {
            let group = read.group ?? ""
            var resources: [String]
            if read.resource == "*" {
                guard let served = try await client.apiGroups()[group] else {
                    absent.append("API group \(group)")
                    continue
                }
                resources = try await client.resourceList(group: group, version: served.preferred)
                    .filter { $0.verbs.contains("list") }.map(\.name).sorted()
            } else {
                let found = try await client.resource(
                    group: group,
                    name: read.baseResource,
                    preferredVersions: read.versions ?? []
                )
                guard found != nil else {
                    if read.optional == true { continue }
                    absent.append(APIRead(verbs: [], group: group, resource: read.baseResource).qualifiedResource)
                    continue
                }
                resources = [read.resource ?? ""]
            }
            for resource in resources {
                for verb in read.verbs {
                    permissions.append(
                        Permission(verb: verb, group: group, resource: resource, namespace: read.namespace)
                    )
                }
            }
        }
        // Asked side by side (one after another, they were the longest chain of a collection against a
        // distant server); reported in order.
        let allowed = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
            for (index, permission) in permissions.enumerated() {
                group.addTask { (index, try await answers.allowed(permission)) }
            }
            var allowed = [Bool](repeating: true, count: permissions.count)
            for try await (index, answer) in group { allowed[index] = answer }
            return allowed
        }
        for (permission, answer) in zip(permissions, allowed) where !answer {
            denied.append(permission.description)
        }
        if !absent.isEmpty { return (.notInstalled, absent) }
        if !denied.isEmpty { return (.forbidden, denied) }
        return (.allowed, [])
    }
}
