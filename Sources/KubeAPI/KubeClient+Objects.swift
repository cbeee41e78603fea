import Foundation

/// Who the client is, as the server sees it.
public struct UserIdentity: Sendable, Equatable, Codable {
    public var username: String
    public var groups: [String]
    public var uid: String?

    public init(username: String, groups: [String], uid: String?) {
        self.username = username
        self.groups = groups
        self.uid = uid
    }
}

extension KubeClient {
    /// GETs one object, as JSON.
    public func object(_ resource: APIResource, namespace: String?, name: String) async throws -> [String: Any] {
        let path = resource.path(namespace: namespace) + "/" + name
        let response = try await send(.get(path, authorization: ("get", resource.group, resource.name)))
        guard let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] else {
            throw KubeAPIError.invalidResponse(path: path, reason: "not a JSON object")
        }
        return object
    }

    /// A pod's log (`kubectl logs`), as bytes. `container` is needed when the pod has several.
    public func podLog(namespace: String, pod: String, container: String? = nil) async throws -> Data {
        let path = "/api/v1/namespaces/\(namespace)/pods/\(pod)/log"
        let query = container.map { [("container", $0)] } ?? []
        return try await send(.get(path, query: query, accept: "*/*", authorization: ("get", "", "pods/log"))).body
    }

    /// `kubectl auth whoami`: the identity the server authenticated (SelfSubjectReview).
    public func whoAmI() async throws -> UserIdentity {
        let path = "/apis/authentication.k8s.io/v1/selfsubjectreviews"
        let body = Data(#"{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}"#.utf8)
        let response = try await send(try .review(path, body: body))
        guard let document = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any],
            let info = (document["status"] as? [String: Any])?["userInfo"] as? [String: Any]
        else {
            throw KubeAPIError.invalidResponse(path: path, reason: "not a SelfSubjectReview")
        }
        return UserIdentity(
            username: info["username"] as? String ?? "",
            groups: info["groups"] as? [String] ?? [],
            uid: info["uid"] as? String
        )
    }

    /// `kubectl auth can-i VERB RESOURCE`: asks the server (SelfSubjectAccessReview).
    /// A subresource such as `log` of `pods` is asked about as `subresource`, the way the API server checks it.
    public func canI(
        verb: String,
        group: String,
        resource: String,
        subresource: String? = nil,
        namespace: String? = nil,
        background: Bool = false
    ) async throws -> Bool {
        let path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"
        var attributes: [String: Any] = ["verb": verb, "group": group, "resource": resource]
        if let subresource { attributes["subresource"] = subresource }
        if let namespace { attributes["namespace"] = namespace }
        let review: [String: Any] = [
            "apiVersion": "authorization.k8s.io/v1", "kind": "SelfSubjectAccessReview",
            "spec": ["resourceAttributes": attributes],
        ]
        let body = try JSONSerialization.data(withJSONObject: review, options: [.sortedKeys])
        var request = try APIRequest.review(path, body: body)
        request.background = background
        let response = try await send(request)
        guard let document = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any],
            let status = document["status"] as? [String: Any]
        else {
            throw KubeAPIError.invalidResponse(path: path, reason: "not a SelfSubjectAccessReview")
        }
        return status["allowed"] as? Bool ?? false
    }
}
