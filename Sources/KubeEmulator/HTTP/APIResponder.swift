import Foundation
import Hummingbird

/// Answers every request: faults first, then authentication, then the Kubernetes URL layout.
/// Every request is recorded in the engine's request log.
struct APIResponder: HTTPResponder {
    typealias Context = EmulatorRequestContext

    let engine: EmulatorEngine

    /// Review endpoints, the only POSTs that are not refused.
    static let reviewPaths: Set<String> = [
        "/apis/authentication.k8s.io/v1/selfsubjectreviews",
        "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
    ]

    /// The outcome of authenticating a request.
    enum Authentication {
        case user(UserInfo)
        case anonymous
        case rejected
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let path = request.uri.path
        var user: String?
        var status = 0
        defer {
            engine.record(
                LoggedRequest(
                    method: request.method.rawValue,
                    path: path,
                    query: request.uri.query,
                    status: status,
                    user: user,
                    duration: ContinuousClock.now - started,
                    userAgent: request.headers[.userAgent],
                    accept: request.headers[.accept]
                )
            )
        }
        let faults = engine.takeFaults(path: path, query: request.uri.query ?? "")
        if faults.latencyMilliseconds > 0 {
            try? await Task.sleep(for: .milliseconds(faults.latencyMilliseconds))
        }
        let response: Response
        switch faults.action {
        case .dropConnection:
            context.dropConnection()
            return Response(status: .internalServerError)
        case .status(let code, let retryAfter):
            response = KubeStatus.fault(code: code, retryAfter: retryAfter).response(retryAfter: retryAfter)
        case .trickle(let interval):
            response = trickle(interval: .milliseconds(interval), context: context)
        case .endlessContinue(let repeatToken):
            response = endlessPage(query: QueryParameters(request.uri.query), repeatToken: repeatToken)
        case nil:
            let authentication = await authenticate(request, context: context)
            if case .user(let identity) = authentication { user = identity.username }
            response = await route(request, path: path, authentication: authentication)
        }
        status = response.status.code
        return response
    }

    /// Client certificate first (as the API server's union authenticator), then the bearer token.
    private func authenticate(_ request: Request, context: Context) async -> Authentication {
        if engine.tls, let identity = await context.clientCertificateIdentity() {
            return .user(identity)
        }
        guard let header = request.headers[.authorization] else { return .anonymous }
        let prefix = "bearer "
        guard header.lowercased().hasPrefix(prefix) else { return .rejected }
        let token = header.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        return engine.user(token: token).map { .user($0) } ?? .rejected
    }

    private func route(_ request: Request, path: String, authentication: Authentication) async -> Response {
        let apiPath = APIPath(path: path)
        let user: UserInfo
        switch authentication {
        case .rejected:
            return KubeStatus.unauthorized.response()
        case .anonymous:
            // Like a server with anonymous access to public info only: /version and health checks.
            switch apiPath {
            case .version where request.method == .get: return .json(Discovery.version(engine.options.serverVersion))
            case .health where request.method == .get: return .text("ok")
            default: return KubeStatus.unauthorized.response()
            }
        case .user(let identity):
            user = identity
        }
        if request.method == .post && Self.reviewPaths.contains(path) {
            return await review(request, path: path, user: user)
        }
        guard request.method == .get else { return KubeStatus.methodNotAllowed.response() }
        let store = engine.store
        switch apiPath {
        case .version:
            return .json(Discovery.version(engine.options.serverVersion))
        case .health:
            return .text("ok")
        case .coreVersions:
            return .json(Discovery.coreVersions(serverAddress: engine.serverAddress))
        case .groups:
            return .json(Discovery.groupList(store.catalog))
        case .group(let name):
            guard let group = store.catalog.group(name) else { return KubeStatus.notFoundPath.response() }
            return .json(Discovery.group(group))
        case .resourceList(let group, let version):
            guard store.catalog.serves(group: group, version: version) else {
                return KubeStatus.notFoundPath.response()
            }
            return .json(Discovery.resourceList(store.catalog, group: group, version: version))
        case .resource(let resourceRequest):
            return get(
                resourceRequest,
                query: QueryParameters(request.uri.query),
                expireContinue: { engine.takeContinueExpiry(path: path, query: request.uri.query ?? "") },
                user: user,
                store: store
            )
        case .unknown:
            return KubeStatus.notFoundPath.response()
        }
    }
}
