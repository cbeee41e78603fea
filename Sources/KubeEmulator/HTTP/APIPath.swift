import Foundation

/// What a request path asks for, parsed the way the API server's RequestInfoFactory does.
enum APIPath: Equatable {
    /// A resource request: a collection, one object, or one object's subresource.
    struct ResourceRequest: Equatable {
        var group: String
        var version: String
        var namespace: String?
        var resource: String
        var name: String?
        var subresource: String?
    }

    case version
    case health
    case coreVersions
    case groups
    case group(String)
    case resourceList(group: String, version: String)
    case resource(ResourceRequest)
    case unknown

    /// Subresources of a namespace, which must not be read as a resource inside the namespace.
    private static let namespaceSubresources: Set<String> = ["status", "finalize"]

    init(path: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { part in
            String(part).removingPercentEncoding ?? String(part)
        }
        guard let first = parts.first else {
            self = .unknown
            return
        }
        switch first {
        case "version":
            self = parts.count == 1 ? .version : .unknown
        case "healthz", "livez", "readyz":
            self = .health
        case "api":
            if parts.count == 1 {
                self = .coreVersions
            } else {
                self = Self.resourcePath(group: "", version: parts[1], rest: Array(parts.dropFirst(2)))
            }
        case "apis":
            switch parts.count {
            case 1: self = .groups
            case 2: self = .group(parts[1])
            default: self = Self.resourcePath(group: parts[1], version: parts[2], rest: Array(parts.dropFirst(3)))
            }
        default:
            self = .unknown
        }
    }

    private static func resourcePath(group: String, version: String, rest: [String]) -> APIPath {
        var rest = rest
        if rest.isEmpty {
            return .resourceList(group: group, version: version)
        }
        var namespace: String?
        if rest[0] == "namespaces" && rest.count > 1 {
            namespace = rest[1]
            if rest.count > 2 && !namespaceSubresources.contains(rest[2]) {
                rest = Array(rest.dropFirst(2))
            } else {
                // A namespace itself (or its status/finalize): cluster-scoped "namespaces" object.
                namespace = nil
            }
        }
        guard rest.count <= 3 else { return .unknown }
        return .resource(
            ResourceRequest(
                group: group,
                version: version,
                namespace: namespace,
                resource: rest[0],
                name: rest.count > 1 ? rest[1] : nil,
                subresource: rest.count > 2 ? rest[2] : nil
            )
        )
    }
}
