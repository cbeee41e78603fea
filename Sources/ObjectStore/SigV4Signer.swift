import Crypto
import Foundation

/// AWS Signature Version 4 (header-based), as the AWS SigV4 documentation specifies it. S3 signs the
/// path as given (no dot-segment normalisation, one URI-encoding) and always signs
/// `x-amz-content-sha256`; other services normalise the path and encode it twice.
public struct SigV4Signer: Sendable {
    public enum PathRules: Sendable {
        /// S3: the path is signed exactly as sent (already URI-encoded once by the caller), never normalised.
        case s3
        /// Other services: dot segments and repeated slashes removed, then the path as sent is encoded (again).
        case normalized
        /// Encoded as other services do, but not normalised.
        case unnormalized
    }

    /// A request to sign: the path as sent on the wire, the query as decoded name/value pairs, headers as
    /// sent (names in any case, repeated names allowed).
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var query: [(String, String)]
        public var headers: [(String, String)]
        public var payloadSHA256: String

        public init(
            method: String,
            path: String,
            query: [(String, String)] = [],
            headers: [(String, String)],
            payloadSHA256: String
        ) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.payloadSHA256 = payloadSHA256
        }
    }

    public var credentials: AWSCredentials
    public var region: String
    public var service: String
    public var pathRules: PathRules

    public init(credentials: AWSCredentials, region: String, service: String, pathRules: PathRules) {
        self.credentials = credentials
        self.region = region
        self.service = service
        self.pathRules = pathRules
    }

    /// `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` for `request` at `date`.
    public func authorization(for request: Request, at date: Date) -> String {
        "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope(date)), "
            + "SignedHeaders=\(signedHeaders(request)), Signature=\(signature(for: request, at: date))"
    }

    public func signature(for request: Request, at date: Date) -> String {
        let key = signingKey(date)
        let mac = HMAC<SHA256>.authenticationCode(for: Data(stringToSign(for: request, at: date).utf8), using: key)
        return Self.hex(Data(mac))
    }

    public func stringToSign(for request: Request, at date: Date) -> String {
        [
            "AWS4-HMAC-SHA256", Self.amzDate(date), scope(date),
            Self.hex(Data(SHA256.hash(data: Data(canonicalRequest(request).utf8)))),
        ]
        .joined(separator: "\n")
    }

    public func canonicalRequest(_ request: Request) -> String {
        let headers = canonicalHeaders(request)
        return [
            request.method.uppercased(),
            canonicalPath(request.path),
            canonicalQuery(request.query),
            headers.map { "\($0.0):\($0.1)\n" }.joined(),
            headers.map(\.0).joined(separator: ";"),
            request.payloadSHA256,
        ]
        .joined(separator: "\n")
    }

    func signedHeaders(_ request: Request) -> String { canonicalHeaders(request).map(\.0).joined(separator: ";") }

    func scope(_ date: Date) -> String { "\(Self.shortDate(date))/\(region)/\(service)/aws4_request" }

    func signingKey(_ date: Date) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [Self.shortDate(date), region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }
}
