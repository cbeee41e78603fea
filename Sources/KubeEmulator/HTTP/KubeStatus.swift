import Foundation
import Hummingbird

/// A Kubernetes `Status` error body, shaped and worded like the real API server's.
struct KubeStatus: Sendable {
    var code: Int
    var reason: String
    var message: String
    /// `details` (name, group, kind), or nil to send `{}`/omit as the real server does.
    var details: [String: String]?
    /// Whether to send `"details":{}` when there are no details (the real server does for some errors).
    var emptyDetails = false
    /// `details.retryAfterSeconds`, as a throttling server sends it.
    var retryAfterSeconds: Int?

    static let unauthorized = KubeStatus(code: 401, reason: "Unauthorized", message: "Unauthorized")

    static let notFoundPath = KubeStatus(
        code: 404,
        reason: "NotFound",
        message: "the server could not find the requested resource",
        emptyDetails: true
    )

    static let methodNotAllowed = KubeStatus(
        code: 405,
        reason: "MethodNotAllowed",
        message: "the server does not allow this method on the requested resource",
        emptyDetails: true
    )

    static let expiredContinue = KubeStatus(
        code: 410,
        reason: "Expired",
        message: "The provided continue parameter is too old to display a consistent list result. You can start a new "
            + "list without the continue parameter, or use the continue token in this response to retrieve the "
            + "remainder of the results. Continuing with the provided token results in an inconsistent list - objects "
            + "that were created, modified, or deleted between the time the first chunk was returned and now may show "
            + "up in the list."
    )

    static func badRequest(_ message: String) -> KubeStatus {
        KubeStatus(code: 400, reason: "BadRequest", message: message)
    }

    /// `<resource>.<group> "<name>" not found`.
    static func notFound(_ type: ResourceType, name: String) -> KubeStatus {
        KubeStatus(
            code: 404,
            reason: "NotFound",
            message: "\(type.qualifiedName) \"\(name)\" not found",
            details: details(type, name: name)
        )
    }

    /// The RBAC denial message, e.g. `pods is forbidden: User "u" cannot list resource "pods" in API group ""
    /// in the namespace "x"`.
    static func forbidden(
        _ type: ResourceType,
        name: String?,
        subresource: String?,
        verb: String,
        user: String,
        namespace: String?
    ) -> KubeStatus {
        let resource = subresource.map { "\(type.resource)/\($0)" } ?? type.resource
        let scope = namespace.map { "in the namespace \"\($0)\"" } ?? "at the cluster scope"
        let reason = "User \"\(user)\" cannot \(verb) resource \"\(resource)\" in API group \"\(type.group)\" \(scope)"
        let subject = name.map { "\(type.qualifiedName) \"\($0)\"" } ?? type.qualifiedName
        return KubeStatus(
            code: 403,
            reason: "Forbidden",
            message: "\(subject) is forbidden: \(reason)",
            details: details(type, name: name)
        )
    }

    /// A fault's status: the reason and message a real server (or proxy) would give for `code`.
    static func fault(code: Int, retryAfter: Int?) -> KubeStatus {
        switch code {
        case 429:
            return KubeStatus(
                code: 429,
                reason: "TooManyRequests",
                message: "Too many requests, please try again later.",
                retryAfterSeconds: retryAfter
            )
        case 500:
            return KubeStatus(code: 500, reason: "InternalError", message: "Internal error occurred: injected fault")
        case 503:
            return KubeStatus(
                code: 503,
                reason: "ServiceUnavailable",
                message: "the server is currently unable to handle the request"
            )
        case 504:
            return KubeStatus(
                code: 504,
                reason: "Timeout",
                message: "the server was unable to return a response in the time allotted"
            )
        default:
            return KubeStatus(code: code, reason: "", message: "injected fault: HTTP \(code)")
        }
    }

    private static func details(_ type: ResourceType, name: String?) -> [String: String] {
        var details = ["kind": type.resource]
        if !type.group.isEmpty { details["group"] = type.group }
        if let name { details["name"] = name }
        return details
    }

    /// The JSON body.
    var json: [UInt8] {
        var object: [String: Any] = [
            "kind": "Status", "apiVersion": "v1", "metadata": [String: Any](), "status": "Failure",
            "message": message, "code": code,
        ]
        if !reason.isEmpty { object["reason"] = reason }
        if let retryAfterSeconds {
            object["details"] = ["retryAfterSeconds": retryAfterSeconds]
        } else if let details {
            object["details"] = details
        } else if emptyDetails {
            object["details"] = [String: Any]()
        }
        return JSONBytes.encodeFragment(object)
    }

    /// The HTTP response carrying this status.
    func response(retryAfter: Int? = nil) -> Response {
        var response = Response.json(json, status: code)
        if let retryAfter {
            response.headers[.retryAfter] = String(retryAfter)
        }
        return response
    }
}

extension Response {
    /// A JSON response with the given bytes.
    static func json(_ bytes: [UInt8], status: Int = 200) -> Response {
        var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        return json(buffer, status: status)
    }

    /// A JSON response with a prepared buffer.
    static func json(_ buffer: ByteBuffer, status: Int = 200) -> Response {
        Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: buffer)
        )
    }

    /// A plain-text response.
    static func text(_ text: String, status: Int = 200) -> Response {
        var buffer = ByteBufferAllocator().buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: buffer)
        )
    }
}
