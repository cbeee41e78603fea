import Foundation

/// Why an upload failed: each names the bucket or object and what to do. Secrets never appear.
public enum S3Error: Error, CustomStringConvertible, Equatable {
    case badDestination(String, reason: String)
    case badEndpoint(String)
    case noCredentials(tried: [String])
    case credentialsUnreadable(source: String, reason: String)
    case webIdentityFailed(role: String, reason: String)
    case unreachable(endpoint: String, reason: String)
    case service(operation: String, target: String, status: Int, code: String, message: String)
    case lockNotEnabled(bucket: String)
    case readBackMismatch(key: String, what: String)
    case packageNotIntact(path: String, reason: String)

    public var description: String {
        switch self {
        case .badDestination(let text, let reason):
            return "--to/--upload \(text) is not an S3 destination: \(reason)."
        case .badEndpoint(let text):
            return
                "--endpoint \(text) is not an http(s) URL with a host and no path (e.g. https://s3.example.com:9000)."
        case .noCredentials(let tried):
            return "No AWS credentials found (tried \(tried.joined(separator: ", "))). Set AWS_ACCESS_KEY_ID and "
                + "AWS_SECRET_ACCESS_KEY, AWS_PROFILE with ~/.aws/credentials, or AWS_ROLE_ARN with "
                + "AWS_WEB_IDENTITY_TOKEN_FILE (EKS IRSA)."
        case .credentialsUnreadable(let source, let reason):
            return "Cannot read AWS credentials from \(source): \(reason)."
        case .webIdentityFailed(let role, let reason):
            return "Could not assume \(role) with the web identity token: \(reason). Check the role's trust policy "
                + "and that AWS_WEB_IDENTITY_TOKEN_FILE holds a current token."
        case .unreachable(let endpoint, let reason):
            return
                "Cannot reach \(endpoint): \(reason). Check --endpoint/--region and the network; nothing was uploaded."
        case .service(let operation, let target, let status, let code, let message):
            return "\(operation) \(target) failed: HTTP \(status) \(code)\(message.isEmpty ? "" : " (\(message))"). "
                + Self.fix(code: code)
        case .lockNotEnabled(let bucket):
            return "Bucket \(bucket) has no Object Lock, but a lock was requested: nothing was uploaded. Create the "
                + "bucket with Object Lock enabled (it cannot be turned on later for some providers), or drop "
                + "--lock-mode."
        case .readBackMismatch(let key, let what):
            return "Read-back of \(key) does not match what was sent: \(what). Do not rely on this copy."
        case .packageNotIntact(let path, let reason):
            return "\(path) does not verify (\(reason)); only intact packages are uploaded."
        }
    }

    static func fix(code: String) -> String {
        switch code {
        case "SignatureDoesNotMatch":
            return "The secret access key does not match the key id: check AWS_SECRET_ACCESS_KEY or the profile."
        case "InvalidAccessKeyId":
            return "The access key id is unknown to this endpoint: check AWS_ACCESS_KEY_ID, the profile or --endpoint."
        case "AccessDenied":
            return "The credentials may not do this: grant s3:PutObject, s3:PutObjectRetention, s3:GetObject, "
                + "s3:GetObjectRetention and s3:GetBucketObjectLockConfiguration on the bucket."
        case "NoSuchBucket":
            return "Create the bucket (with Object Lock) or fix the name in --to/--upload."
        case "RequestTimeTooSkewed":
            return "This machine's clock is off by more than 15 minutes: fix the clock (NTP)."
        case "ExpiredToken":
            return "The session token expired: refresh the credentials."
        case "InvalidRequest":
            return "The bucket refused the request as sent (a lock on a bucket without Object Lock?)."
        default:
            return "See the provider's error documentation for this code."
        }
    }
}
