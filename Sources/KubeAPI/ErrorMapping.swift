import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// Turns HTTP statuses and transport failures into `KubeAPIError`s a person can act on.
enum ErrorMapping {
    /// The `Status` document Kubernetes sends with errors.
    struct Status {
        var message: String
        var reason: String

        init(body: Data) {
            let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
            message =
                object?["message"] as? String
                ?? String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            reason = object?["reason"] as? String ?? ""
        }
    }

    static func statusError(
        _ outcome: KubeClient.Outcome,
        request: APIRequest,
        config: ConnectionConfig
    )
        -> KubeAPIError
    {
        let status = Status(body: outcome.body)
        switch outcome.status {
        case 401:
            return .unauthorized(
                user: config.userName.isEmpty ? "(none)" : config.userName,
                server: config.server,
                message: status.message.isEmpty ? "Unauthorized" : status.message
            )
        case 403:
            let auth = request.authorization
            return .forbidden(message: status.message, verb: auth.verb, resource: auth.resource, group: auth.group)
        case 404:
            return .notFound(path: request.path, message: status.message.isEmpty ? "404" : status.message)
        default:
            return .server(status: outcome.status, path: request.path, message: status.message)
        }
    }

    static func transportError(
        _ error: Error,
        server: String,
        path: String,
        timeoutSeconds: Double,
        idleSeconds: Double
    ) async
        -> KubeAPIError
    {
        if let client = error as? HTTPClientError {
            switch client {
            case .deadlineExceeded, .writeTimeout:
                return .timedOut(path: path, seconds: timeoutSeconds)
            case .readTimeout:
                return .stalled(path: path, seconds: idleSeconds)
            case .tlsHandshakeTimeout:
                return .tls(.other, server: server, detail: "handshake timed out")
            default:
                return .unreachable(server: server, reason: "\(client)")
            }
        }
        let text = String(describing: error)
        if error is NIOSSLError || error is NIOSSLExtraError || text.contains("SSL") || text.contains("CERTIFICATE") {
            if text.contains("CERTIFICATE_REQUIRED") || text.contains("HANDSHAKE_FAILURE_ON_CLIENT_HELLO") {
                return .tls(.clientCertificateRequired, server: server, detail: text)
            }
            let problem = await TLSDiagnosis.diagnose(server: server) ?? .other
            return .tls(problem, server: server, detail: text)
        }
        if let io = error as? IOError {
            return .unreachable(server: server, reason: String(cString: strerror(io.errnoCode)))
        }
        return .unreachable(server: server, reason: text)
    }
}
