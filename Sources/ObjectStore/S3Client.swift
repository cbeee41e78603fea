import AsyncHTTPClient
import AuditPackCore
import Crypto
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// A minimal S3 client for what uploads need: signed requests (SigV4, S3 rules), bounded in time,
/// logged without their signatures. One client per run; `shutdown()` when done.
public final class S3Client: Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var headers: HTTPHeaders
        public var body: Data
    }

    let endpoint: S3Endpoint
    let credentials: AWSCredentials
    let http: HTTPClient
    let logger: Logger
    let timeout: TimeAmount

    public init(endpoint: S3Endpoint, credentials: AWSCredentials, timeoutSeconds: Int64 = 120, logger: Logger) {
        self.endpoint = endpoint
        self.credentials = credentials
        self.logger = logger
        self.timeout = .seconds(timeoutSeconds)
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(min(timeoutSeconds, 60)))
        configuration.redirectConfiguration = .disallow
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Dropped without `shutdown()` on an error path: release the connections in the background (a second
    /// shutdown only reports "already shut down" to the ignored callback).
    deinit { http.shutdown { _ in } }

    public func shutdown() async {
        try? await http.shutdown()
    }

    /// Sends one signed request. `key` nil addresses the bucket; `bodySHA256`, when the caller already hashed
    /// the body, saves hashing it again. Errors name the operation and the fix.
    public func send(
        _ operation: String,
        method: HTTPMethod,
        bucket: String,
        key: String?,
        query: [(String, String)] = [],
        headers extra: [(String, String)] = [],
        body: Data = Data(),
        bodySHA256: Data? = nil
    ) async throws -> Response {
        let target = endpoint.target(bucket: bucket, key: key)
        let now = Date()
        var headers: [(String, String)] = [
            ("host", target.host),
            ("x-amz-date", SigV4Signer.amzDate(now)),
            ("x-amz-content-sha256", SigV4Signer.hex(bodySHA256 ?? Data(SHA256.hash(data: body)))),
        ]
        if let token = credentials.sessionToken { headers.append(("x-amz-security-token", token)) }
        headers += extra
        let signer = SigV4Signer(credentials: credentials, region: endpoint.region, service: "s3", pathRules: .s3)
        let signed = SigV4Signer.Request(
            method: method.rawValue,
            path: target.path,
            query: query,
            headers: headers,
            payloadSHA256: headers[2].1
        )
        let authorization = signer.authorization(for: signed, at: now)
        let queryText = query.map {
            let name = SigV4Signer.uriEncode($0.0, keepSlash: false)
            return $0.1.isEmpty ? name : "\(name)=\(SigV4Signer.uriEncode($0.1, keepSlash: false))"
        }
        .joined(separator: "&")
        var request = HTTPClientRequest(url: target.url + (queryText.isEmpty ? "" : "?\(queryText)"))
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.headers.add(name: "Authorization", value: authorization)
        if !body.isEmpty || method == .PUT || method == .POST {
            request.headers.replaceOrAdd(name: "Content-Length", value: "\(body.count)")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let started = ContinuousClock.now
        let response: HTTPClientResponse
        let data: Data
        do {
            response = try await http.execute(request, timeout: timeout)
            var buffer = try await response.body.collect(upTo: 16 << 20)
            data = Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
        } catch {
            throw S3Error.unreachable(endpoint: "\(endpoint.scheme)://\(target.host)", reason: "\(error)")
        }
        let elapsed = started.duration(to: .now)
        // Never the Authorization header: its signature is as good as the key for 15 minutes.
        let milliseconds = elapsed.inMilliseconds
        let shownQuery = queryText.isEmpty ? "" : "?\(queryText)"
        logger.debug("\(method.rawValue) \(target.path)\(shownQuery) → \(response.status.code) (\(milliseconds) ms)")
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let xml = String(decoding: data, as: UTF8.self)
            throw S3Error.service(
                operation: operation,
                target: "s3://\(bucket)/\(key ?? "")",
                status: status,
                code: XMLFields.first("Code", in: xml) ?? (status == 404 ? "NotFound" : "HTTP\(status)"),
                message: XMLFields.first("Message", in: xml) ?? ""
            )
        }
        return Response(status: status, headers: response.headers, body: data)
    }
}
