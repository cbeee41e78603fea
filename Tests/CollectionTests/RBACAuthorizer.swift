import Foundation
import KubeEmulator

/// What the API server's RBAC authorizer sees of a request (its RequestInfo), derived from method and path
/// the way `k8s.io/apiserver` does — written independently of the rule generator, so the test checks it.
struct RequestAttributes: Hashable, CustomStringConvertible {
    var verb: String
    var group: String
    var resource: String
    var subresource: String?
    var namespace: String?
    var name: String?
    /// Set for non-resource requests (discovery).
    var nonResourcePath: String?

    init(method: String, path: String) {
        let parts = path.split(separator: "/").map(String.init)
        verb = method == "POST" ? "create" : "get"
        group = ""
        resource = ""
        // `/api/v1` and `/apis/group/version` (and shorter) are non-resource requests.
        guard (parts.first == "api" && parts.count >= 3) || (parts.first == "apis" && parts.count >= 4) else {
            nonResourcePath = path
            return
        }
        var rest: ArraySlice<String>
        if parts[0] == "api" {
            rest = parts[2...]
        } else {
            group = parts[1]
            rest = parts[3...]
        }
        if rest.first == "namespaces", rest.count > 2 {
            namespace = rest[rest.startIndex + 1]
            rest = rest.dropFirst(2)
        }
        resource = rest.first ?? ""
        name = rest.count > 1 ? rest[rest.startIndex + 1] : nil
        subresource = rest.count > 2 ? rest[rest.startIndex + 2] : nil
        if method == "GET" && name == nil { verb = "list" }
    }

    var description: String {
        if let nonResourcePath { return "\(verb) \(nonResourcePath)" }
        let sub = subresource.map { "/\($0)" } ?? ""
        return "\(verb) \(group.isEmpty ? "core" : group) \(resource)\(sub) ns=\(namespace ?? "-") name=\(name ?? "-")"
    }
}

/// A PolicyRule as rendered, and whether it allows a request (RBAC's `RuleAllows`).
struct PolicyRule: CustomStringConvertible {
    var apiGroups: [String]
    var resources: [String]
    var resourceNames: [String]
    var nonResourceURLs: [String]
    var verbs: [String]

    init(_ object: [String: Any]) {
        apiGroups = object["apiGroups"] as? [String] ?? []
        resources = object["resources"] as? [String] ?? []
        resourceNames = object["resourceNames"] as? [String] ?? []
        nonResourceURLs = object["nonResourceURLs"] as? [String] ?? []
        verbs = object["verbs"] as? [String] ?? []
    }

    func allows(_ request: RequestAttributes) -> Bool {
        guard verbs.contains(request.verb) || verbs.contains("*") else { return false }
        if let path = request.nonResourcePath {
            return nonResourceURLs.contains { url in
                url == "*" || url == path || (url.hasSuffix("*") && path.hasPrefix(String(url.dropLast())))
            }
        }
        guard apiGroups.contains(request.group) || apiGroups.contains("*") else { return false }
        let combined = request.subresource.map { "\(request.resource)/\($0)" } ?? request.resource
        guard resources.contains(combined) || resources.contains("*") else { return false }
        guard resourceNames.isEmpty || request.name.map(resourceNames.contains) == true else { return false }
        return true
    }

    var description: String {
        nonResourceURLs.isEmpty
            ? "\(verbs) \(apiGroups) \(resources)\(resourceNames.isEmpty ? "" : " names \(resourceNames)")"
            : "\(verbs) \(nonResourceURLs)"
    }
}
