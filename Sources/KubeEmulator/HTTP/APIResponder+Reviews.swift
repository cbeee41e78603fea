import Foundation
import Hummingbird

extension APIResponder {
    /// POST to a review endpoint: who am I (SelfSubjectReview) or may I (SelfSubjectAccessReview).
    /// A denial of `create` on the review resource itself refuses the review, as RBAC would.
    func review(_ request: Request, path: String, user: UserInfo) async -> Response {
        let group = path.contains("/authorization.k8s.io/") ? "authorization.k8s.io" : "authentication.k8s.io"
        let resource = (path as NSString).lastPathComponent
        if engine.isDenied(user: user.username, verb: "create", group: group, resource: resource, namespace: nil),
            let type = engine.store.type(group: group, resource: resource)
        {
            return KubeStatus.forbidden(
                type,
                name: nil,
                subresource: nil,
                verb: "create",
                user: user.username,
                namespace: nil
            ).response()
        }
        guard let buffer = try? await request.body.collect(upTo: 1 << 20) else {
            return KubeStatus.badRequest("the request body is missing or too large").response()
        }
        let body = (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [String: Any]
        guard let body else {
            return KubeStatus.badRequest("the request body is not a JSON object").response()
        }
        var groups = user.groups
        if !groups.contains("system:authenticated") { groups.append("system:authenticated") }
        if path.hasSuffix("/selfsubjectreviews") {
            return .json(
                JSONBytes.encodeFragment([
                    "kind": "SelfSubjectReview", "apiVersion": "authentication.k8s.io/v1",
                    "metadata": ["creationTimestamp": NSNull()],
                    "status": ["userInfo": ["username": user.username, "groups": groups]],
                ]),
                status: 201
            )
        }
        let spec = body["spec"] as? [String: Any] ?? [:]
        var allowed = true
        if let attributes = spec["resourceAttributes"] as? [String: Any] {
            let resource = attributes["resource"] as? String ?? ""
            let subresource = attributes["subresource"] as? String ?? ""
            let namespace = (attributes["namespace"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            allowed = !engine.isDenied(
                user: user.username,
                verb: attributes["verb"] as? String ?? "",
                group: attributes["group"] as? String ?? "",
                resource: subresource.isEmpty ? resource : "\(resource)/\(subresource)",
                namespace: namespace
            )
        }
        return .json(
            JSONBytes.encodeFragment([
                "kind": "SelfSubjectAccessReview", "apiVersion": "authorization.k8s.io/v1",
                "metadata": ["creationTimestamp": NSNull()], "spec": spec, "status": ["allowed": allowed],
            ]),
            status: 201
        )
    }
}
