import AsyncHTTPClient
import Foundation
import NIOCore

/// Finds AWS credentials the way the AWS CLI and SDKs do, in order: the environment
/// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`); web identity (`AWS_ROLE_ARN` +
/// `AWS_WEB_IDENTITY_TOKEN_FILE`, how an EKS pod with IRSA gets them, through STS
/// AssumeRoleWithWebIdentity); then the profile (`AWS_PROFILE`, default `default`) in `~/.aws/credentials`
/// and `~/.aws/config`, including a profile with `role_arn` + `web_identity_token_file`.
public struct CredentialChain: Sendable {
    public var environment: [String: String]
    public var home: String
    public var region: String

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        home: String = NSHomeDirectory(),
        region: String
    ) {
        self.environment = environment
        self.home = home
        self.region = region
    }

    public func resolve() async throws -> AWSCredentials {
        if let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty {
            guard let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else {
                throw S3Error.credentialsUnreadable(
                    source: "the environment",
                    reason: "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
                )
            }
            let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
            return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token, source: "environment")
        }
        if let role = environment["AWS_ROLE_ARN"], let tokenFile = environment["AWS_WEB_IDENTITY_TOKEN_FILE"] {
            return try await webIdentity(
                role: role,
                tokenFile: tokenFile,
                session: environment["AWS_ROLE_SESSION_NAME"]
            )
        }
        let profile = environment["AWS_PROFILE"] ?? environment["AWS_DEFAULT_PROFILE"] ?? "default"
        if let settings = try AWSProfileFiles.settings(profile: profile, environment: environment, home: home) {
            if let key = settings["aws_access_key_id"], let secret = settings["aws_secret_access_key"] {
                return AWSCredentials(
                    accessKeyID: key,
                    secretAccessKey: secret,
                    sessionToken: settings["aws_session_token"],
                    source: "profile \(profile)"
                )
            }
            if let role = settings["role_arn"], let tokenFile = settings["web_identity_token_file"] {
                return try await webIdentity(role: role, tokenFile: tokenFile, session: settings["role_session_name"])
            }
        }
        throw S3Error.noCredentials(tried: [
            "environment", "web identity (AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE)", "profile \(profile)",
        ])
    }

    /// STS AssumeRoleWithWebIdentity: an unsigned call that trades the token for temporary credentials.
    /// `AWS_ENDPOINT_URL_STS` overrides the endpoint (as in the AWS SDKs).
    func webIdentity(role: String, tokenFile: String, session: String?) async throws -> AWSCredentials {
        guard let data = FileManager.default.contents(atPath: tokenFile) else {
            throw S3Error.credentialsUnreadable(source: tokenFile, reason: "the web identity token file cannot be read")
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let endpoint = environment["AWS_ENDPOINT_URL_STS"] ?? "https://sts.\(region).amazonaws.com"
        let form = [
            ("Action", "AssumeRoleWithWebIdentity"), ("Version", "2011-06-15"), ("RoleArn", role),
            ("RoleSessionName", session ?? "auditpack-\(Int(Date().timeIntervalSince1970))"),
            ("WebIdentityToken", token),
        ]
        .map { "\($0.0)=\(SigV4Signer.uriEncode($0.1, keepSlash: false))" }.joined(separator: "&")
        var request = HTTPClientRequest(url: endpoint.hasSuffix("/") ? endpoint : endpoint + "/")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: form))
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let xml: String
        let status: UInt
        do {
            let response = try await client.execute(request, timeout: .seconds(30))
            var buffer = try await response.body.collect(upTo: 1 << 20)
            xml = buffer.readString(length: buffer.readableBytes) ?? ""
            status = response.status.code
            try await client.shutdown()
        } catch {
            try? await client.shutdown()
            throw S3Error.webIdentityFailed(role: role, reason: "STS at \(endpoint) is unreachable (\(error))")
        }
        guard status == 200, let key = XMLFields.first("AccessKeyId", in: xml),
            let secret = XMLFields.first("SecretAccessKey", in: xml)
        else {
            let code = XMLFields.first("Code", in: xml) ?? "HTTP \(status)"
            throw S3Error.webIdentityFailed(role: role, reason: "STS answered \(code)")
        }
        return AWSCredentials(
            accessKeyID: key,
            secretAccessKey: secret,
            sessionToken: XMLFields.first("SessionToken", in: xml),
            expiration: XMLFields.first("Expiration", in: xml).flatMap(ObjectLock.parse),
            source: "web identity \(role)"
        )
    }
}
