import AuditPackCore
import Foundation
import Logging

/// The state shared by the public ``KubeEmulator`` and the HTTP responder.
final class EmulatorEngine: Sendable {
    struct State {
        var store: ClusterStore
        var faults: [Fault] = []
        var requestLog: [LoggedRequest] = []
        var expireContinueTokens = false
        var serverAddress = ""
        /// Bearer tokens no longer accepted (a rotated service-account token that expired).
        var revokedTokens: Set<String> = []
    }

    /// What a fault does to one request.
    enum FaultAction {
        case status(Int, retryAfterSeconds: Int?)
        case dropConnection
    }

    let options: EmulatorOptions
    let tls: Bool
    let logger: Logger
    private let state: LockedBox<State>

    init(store: ClusterStore, options: EmulatorOptions) {
        self.options = options
        self.tls = options.tls
        self.logger = options.logger ?? Logger(label: "KubeEmulator") { _ in SwiftLogNoOpLogHandler() }
        self.state = LockedBox(State(store: store))
    }

    var store: ClusterStore {
        get { state.withLock { $0.store } }
        set { state.withLock { $0.store = newValue } }
    }

    var serverAddress: String {
        get { state.withLock { $0.serverAddress } }
        set { state.withLock { $0.serverAddress = newValue } }
    }

    var requestLog: [LoggedRequest] {
        state.withLock { $0.requestLog }
    }

    func resetRequestLog() {
        state.withLock { $0.requestLog.removeAll() }
    }

    func record(_ entry: LoggedRequest) {
        state.withLock { $0.requestLog.append(entry) }
        options.onRequest?(entry)
    }

    func revoke(token: String) {
        state.withLock { _ = $0.revokedTokens.insert(token) }
    }

    /// The user a bearer token authenticates, unless it is unknown or revoked.
    func user(token: String) -> UserInfo? {
        guard !state.withLock({ $0.revokedTokens.contains(token) }) else { return nil }
        return options.tokens[token]
    }

    func setFaults(_ faults: [Fault]) {
        state.withLock { $0.faults = faults.filter { $0.times > 0 } }
    }

    func expireContinueTokens() {
        state.withLock { $0.expireContinueTokens = true }
    }

    /// Consumes the "expire the next continue token" flag; true if it was set.
    func takeContinueExpiry() -> Bool {
        state.withLock { state in
            defer { state.expireContinueTokens = false }
            return state.expireContinueTokens
        }
    }

    /// The faults for a request to `path`: the total latency of matching latency faults and the first
    /// matching status/drop fault. Each matching fault uses up one of its `times`.
    func takeFaults(path: String) -> (latencyMilliseconds: Int, action: FaultAction?) {
        state.withLock { state in
            var latency = 0
            var action: FaultAction?
            for index in state.faults.indices where path.hasPrefix(state.faults[index].pathPrefix) {
                switch state.faults[index].kind {
                case .latency(let milliseconds):
                    latency += milliseconds
                case .status(let code, let retryAfter):
                    guard action == nil else { continue }
                    action = .status(code, retryAfterSeconds: retryAfter)
                case .dropConnection:
                    guard action == nil else { continue }
                    action = .dropConnection
                }
                if state.faults[index].times != Int.max {
                    state.faults[index].times -= 1
                }
            }
            state.faults.removeAll { $0.times <= 0 }
            return (latency, action)
        }
    }

    /// The first denial rule matching the request, if any.
    func isDenied(user: String, verb: String, group: String, resource: String, namespace: String?) -> Bool {
        options.denials.contains {
            $0.matches(user: user, verb: verb, group: group, resource: resource, namespace: namespace)
        }
    }
}
