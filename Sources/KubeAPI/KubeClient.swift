import AsyncHTTPClient
import AuditPackCore
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// A read-only Kubernetes API client: discovery, paginated lists, single objects, pod logs and the two
/// review APIs. Requests are bounded in number, retried on transient failures, and logged at debug level.
public final class KubeClient: Sendable {
    public let config: ConnectionConfig
    public let options: KubeClientOptions
    let transport: Transport
    let logger: Logger
    let limiter: AsyncLimiter
    let discovery = DiscoveryCache()
    /// List restarts used so far by all lists of this client (bounded by `ListLimits.restartsPerRun`).
    let listRestarts = LockedBox(0)

    public init(config: ConnectionConfig, options: KubeClientOptions = KubeClientOptions(), logger: Logger) throws {
        self.config = config
        self.options = options
        self.logger = logger
        self.transport = try Transport(config: config, options: options, logger: logger)
        self.limiter = AsyncLimiter(limit: options.concurrency)
    }

    /// Closes connections. Call once when done.
    public func shutdown() async {
        await transport.shutdown()
    }

    /// Sends a read request: retries transient failures, maps failures to `KubeAPIError`.
    public func send(_ request: APIRequest) async throws -> APIResponse {
        try await limiter.withPermit(background: request.background) {
            try await self.sendWithRetries(request)
        }
    }

    private func sendWithRetries(_ request: APIRequest) async throws -> APIResponse {
        let started = ContinuousClock.now
        var retries = 0
        var reauthenticated = false
        while true {
            let outcome: Outcome
            do {
                outcome = try await attempt(request)
            } catch let error as KubeAPIError {
                throw error
            } catch {
                if Task.isCancelled || error is CancellationError { throw error }
                let mapped = await ErrorMapping.transportError(
                    error,
                    server: config.server,
                    path: request.path,
                    timeoutSeconds: options.requestTimeout.inSeconds,
                    idleSeconds: options.effectiveIdleTimeout.inSeconds
                )
                if case .tls = mapped { throw mapped }
                if case .timedOut = mapped { throw mapped }
                if case .stalled = mapped { throw mapped }
                if retries < options.retry.maxRetries {
                    retries += 1
                    let delay = options.retry.delay(retry: retries, retryAfter: nil)
                    log(
                        request,
                        status: nil,
                        started: started,
                        retries: retries,
                        note: "\(error); retrying in \(delay)"
                    )
                    try await options.retry.sleep(delay)
                    continue
                }
                throw mapped
            }
            let elapsed = started.duration(to: .now).inMilliseconds
            if (200..<300).contains(outcome.status) {
                log(request, status: outcome.status, started: started, retries: retries, note: nil)
                return APIResponse(
                    status: outcome.status,
                    body: outcome.body,
                    elapsedMilliseconds: elapsed,
                    retries: retries
                )
            }
            if RetryPolicy.isRetryable(status: outcome.status), retries < options.retry.maxRetries {
                retries += 1
                let retryAfter = outcome.retryAfterSeconds.map { Duration.seconds($0) }
                if let retryAfter, retryAfter > options.retry.maxRetryAfter {
                    throw ErrorMapping.statusError(outcome, request: request, config: config)
                }
                let delay = options.retry.delay(retry: retries, retryAfter: retryAfter)
                log(request, status: outcome.status, started: started, retries: retries, note: "retrying in \(delay)")
                try await options.retry.sleep(delay)
                continue
            }
            if outcome.status == 401, !reauthenticated,
                await transport.invalidateCredentials(rejected: outcome.credential)
            {
                reauthenticated = true
                log(request, status: 401, started: started, retries: retries, note: "authenticating again")
                continue
            }
            log(request, status: outcome.status, started: started, retries: retries, note: nil)
            throw ErrorMapping.statusError(outcome, request: request, config: config)
        }
    }

    struct Outcome {
        var status: Int
        var body: Data
        var retryAfterSeconds: Int64?
        /// The exec plugin credential the request was sent with.
        var credential: ExecCredentialPlugin.Credential?
    }

    /// One try of `request`, bounded end to end by `requestTimeout`: AsyncHTTPClient's own deadline ends
    /// when the response headers arrive, so the body is raced against a timer here as well. Credentials are
    /// fetched first (an exec plugin has its own time limit).
    private func attempt(_ request: APIRequest) async throws -> Outcome {
        let session = try await transport.session()
        let timeout = options.requestTimeout
        return try await withThrowingTaskGroup(of: Outcome?.self) { group in
            group.addTask {
                var outcome = try await self.exchange(
                    request,
                    client: session.client,
                    authorization: session.authorization
                )
                outcome.credential = session.credential
                return outcome
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let outcome = try await group.next() ?? nil else {
                throw KubeAPIError.timedOut(path: request.path, seconds: timeout.inSeconds)
            }
            return outcome
        }
    }

    private func exchange(_ request: APIRequest, client: HTTPClient, authorization: String?) async throws -> Outcome {
        var http = HTTPClientRequest(url: transport.baseURL + request.pathAndQuery)
        http.method = request.verb == .get ? .GET : .POST
        http.headers.add(name: "Accept", value: request.accept)
        http.headers.add(name: "User-Agent", value: "auditpack/\(ToolVersion.current)")
        if let authorization { http.headers.add(name: "Authorization", value: authorization) }
        if let body = request.body {
            http.headers.add(name: "Content-Type", value: "application/json")
            http.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(http, timeout: Self.timeAmount(options.requestTimeout))
        let buffer: ByteBuffer
        do {
            buffer = try await response.body.collect(upTo: options.maxResponseBytes)
        } catch is NIOTooManyBytesError {
            throw KubeAPIError.responseTooLarge(path: request.path, limitBytes: options.maxResponseBytes)
        }
        return Outcome(
            status: Int(response.status.code),
            body: Data(buffer.readableBytesView),
            retryAfterSeconds: response.headers.first(name: "Retry-After").flatMap { Int64($0) }
        )
    }

    /// `duration` for NIO, saturating instead of trapping on huge values.
    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let (total, overflowAgain) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        return .nanoseconds(overflow || overflowAgain ? .max : total)
    }

    private func log(_ request: APIRequest, status: Int?, started: ContinuousClock.Instant, retries: Int, note: String?)
    {
        let ms = started.duration(to: .now).inMilliseconds
        let statusText = status.map(String.init) ?? "no answer"
        logger.debug(
            "\(request.verb.rawValue) \(request.pathAndQuery) → \(statusText) (\(ms) ms, retries \(retries))\(note.map { ": \($0)" } ?? "")"
        )
    }
}
