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
        var profile: FaultProfile?
        /// How often each request (path and query) was seen since the profile was set.
        var sightings: [String: Int] = [:]
        /// Bearer tokens no longer accepted (a rotated service-account token that expired).
        var revokedTokens: Set<String> = []
    }

    /// What a fault does to one request.
    enum FaultAction {
        case status(Int, retryAfterSeconds: Int?)
        case dropConnection
        case trickle(intervalMilliseconds: Int)
        case endlessContinue(repeatToken: Bool)
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

    func setFaultProfile(_ profile: FaultProfile?) {
        state.withLock {
            $0.profile = profile
            $0.sightings = [:]
        }
    }

    /// Whether the request to `path` with `query`, which carries a continue token, gets 410 Gone: once after
    /// ``expireContinueTokens()``, else as the fault profile draws.
    func takeContinueExpiry(path: String, query: String) -> Bool {
        state.withLock { state in
            if state.expireContinueTokens {
                state.expireContinueTokens = false
                return true
            }
            guard let profile = state.profile, path.hasPrefix(profile.pathPrefix) else { return false }
            let request = "\(path)?\(query)"
            var generator = profile.generator(
                request: request,
                occurrence: state.sightings[request, default: 0],
                purpose: 2
            )
            return generator.percent(profile.expireContinuePercent)
        }
    }

    /// The faults for a request to `path` with `query`: the total latency of matching latency faults and the
    /// first matching status/drop fault, else what the fault profile draws. Each matching fault uses up one
    /// of its `times`.
    func takeFaults(path: String, query: String = "") -> (latencyMilliseconds: Int, action: FaultAction?) {
        state.withLock { state in
            let explicit = Self.takeExplicitFaults(path: path, state: &state)
            guard explicit.action == nil, let profile = state.profile, path.hasPrefix(profile.pathPrefix) else {
                return explicit
            }
            let request = "\(path)?\(query)"
            let occurrence = state.sightings[request, default: 0] + 1
            state.sightings[request] = occurrence
            var generator = profile.generator(request: request, occurrence: occurrence, purpose: 1)
            let roll = generator.below(100)
            let action: FaultAction?
            switch roll {
            case ..<profile.serverErrorPercent:
                action = .status(500, retryAfterSeconds: nil)
            case ..<(profile.serverErrorPercent + profile.throttlePercent):
                action = .status(429, retryAfterSeconds: 1)
            case ..<(profile.serverErrorPercent + profile.throttlePercent + profile.dropPercent):
                action = .dropConnection
            default:
                action = nil
            }
            return (explicit.latencyMilliseconds, action)
        }
    }

    private static func takeExplicitFaults(
        path: String,
        state: inout State
    ) -> (latencyMilliseconds: Int, action: FaultAction?) {
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
            case .trickle(let interval):
                guard action == nil else { continue }
                action = .trickle(intervalMilliseconds: interval)
            case .endlessContinue(let repeatToken):
                guard action == nil else { continue }
                action = .endlessContinue(repeatToken: repeatToken)
            }
            if state.faults[index].times != Int.max {
                state.faults[index].times -= 1
            }
        }
        state.faults.removeAll { $0.times <= 0 }
        return (latency, action)
    }

    /// The first denial rule matching the request, if any.
    func isDenied(user: String, verb: String, group: String, resource: String, namespace: String?) -> Bool {
        options.denials.contains {
            $0.matches(user: user, verb: verb, group: group, resource: resource, namespace: namespace)
        }
    }
}
