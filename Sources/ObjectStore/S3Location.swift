import Foundation

/// Where packages go: `s3://BUCKET/PREFIX`, on AWS or an S3-compatible endpoint.
public struct S3Location: Sendable, Equatable {
    public var bucket: String
    /// Key prefix without leading slash; empty, or ending in `/`.
    public var prefix: String

    public init(parsing text: String) throws {
        guard text.hasPrefix("s3://") else {
            throw S3Error.badDestination(text, reason: "it does not start with s3:// (e.g. s3://audit-evidence/prod/)")
        }
        let rest = text.dropFirst(5)
        let bucket = String(rest.prefix { $0 != "/" })
        // Bucket naming rules (3–63 of a-z 0-9 . -) keep the name safe in a host name and a path.
        let valid =
            (3...63).contains(bucket.count)
            && bucket.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == ".") }
        guard valid else {
            throw S3Error.badDestination(
                text,
                reason: "\"\(bucket)\" is not a bucket name (3–63 lower-case letters, digits, dots, hyphens)"
            )
        }
        var prefix = String(rest.dropFirst(bucket.count)).drop { $0 == "/" }.description
        if !prefix.isEmpty && !prefix.hasSuffix("/") { prefix += "/" }
        guard !prefix.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
            throw S3Error.badDestination(text, reason: "the prefix holds . or .. segments")
        }
        self.bucket = bucket
        self.prefix = prefix
    }

    public func key(for fileName: String) -> String { prefix + fileName }

    public var description: String { "s3://\(bucket)/\(prefix)" }
}
