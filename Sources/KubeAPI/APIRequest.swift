import Foundation

/// A request AuditPack may send. Only reads exist: GET, and POST to the two review APIs
/// (SelfSubjectReview, SelfSubjectAccessReview), which create nothing persistent.
public struct APIRequest: Sendable {
    public enum Verb: String, Sendable {
        case get = "GET"
        case review = "POST"
    }

    public static let reviewPaths: Set<String> = [
        "/apis/authentication.k8s.io/v1/selfsubjectreviews",
        "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
    ]

    public var verb: Verb
    /// Path without query, e.g. `/apis/rbac.authorization.k8s.io/v1/rolebindings`.
    public var path: String
    public var query: [(String, String)]
    public var body: Data?
    public var accept: String
    /// What the request does in RBAC terms, for 403 messages.
    public var authorization: (verb: String, group: String, resource: String)
    /// Sent beside the main requests (a few at a time, never queued before them): for questions whose answer
    /// nothing waits for, such as collect's preflight access reviews.
    public var background = false

    public static func get(
        _ path: String,
        query: [(String, String)] = [],
        accept: String = "application/json",
        authorization: (verb: String, group: String, resource: String) = ("get", "", "")
    ) -> APIRequest {
        APIRequest(verb: .get, path: path, query: query, body: nil, accept: accept, authorization: authorization)
    }

    public static func review(_ path: String, body: Data) throws -> APIRequest {
        guard reviewPaths.contains(path) else { throw KubeAPIError.writeVerbRefused(method: "POST", path: path) }
        return APIRequest(
            verb: .review,
            path: path,
            query: [],
            body: body,
            accept: "application/json",
            authorization: (
                "create", path.contains("authorization") ? "authorization.k8s.io" : "authentication.k8s.io",
                (path as NSString).lastPathComponent
            )
        )
    }

    /// Path plus percent-encoded query, as sent.
    public var pathAndQuery: String {
        guard !query.isEmpty else { return path }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+,;")
        let encoded = query.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }
        return path + "?" + encoded.joined(separator: "&")
    }
}
