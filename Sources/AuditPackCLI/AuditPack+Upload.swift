import ArgumentParser
import Foundation
import ObjectStore
import Workflows

extension AuditPack {
    /// `auditpack upload`: packages into an S3 bucket with Object Lock, confirmed by read-back.
    struct Upload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Upload packages to S3 (or an S3-compatible store), optionally locked (Object Lock).",
            discussion: """
                Each package is verified first, PUT with Content-MD5 and x-amz-checksum-sha256 (multipart when \
                large) and the lock asked for, then read back (HEAD, GetObjectRetention) to confirm size, \
                checksum, version id and retention. Credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY\
                [/AWS_SESSION_TOKEN], AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE, or AWS_PROFILE with \
                ~/.aws/credentials and ~/.aws/config. Exit codes: 0 every package uploaded and confirmed; 1 some \
                failed; 2 none could be uploaded (bad flags, credentials, bucket or endpoint).
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Packages to upload.")
        var packages: [String]

        @Option(help: "Destination, s3://BUCKET/PREFIX.")
        var to: String

        @OptionGroup var upload: UploadOptions
        @OptionGroup var trust: TrustOptions

        func validate() throws {
            guard !packages.isEmpty else { throw ValidationError("Name at least one package.") }
            do { _ = try S3Location(parsing: to) } catch { throw ValidationError("--to: \(error)") }
        }

        func run() async throws {
            let outcome = try await CLIExit.guarding {
                var request = upload.request(destination: to)
                request.trust = try trust.resolve()
                return try await UploadWorkflow.run(
                    packages: packages.map { URL(fileURLWithPath: $0) },
                    request: request,
                    logger: global.makeLogger()
                )
            }
            for receipt in outcome.receipts { print(UploadText.line(receipt)) }
            for failure in outcome.failures { CLIExit.warn("error: \(failure.package): \(failure.reason)") }
            if !outcome.failures.isEmpty { throw ExitCode(outcome.receipts.isEmpty ? 2 : 1) }
        }
    }
}

enum UploadText {
    static func line(_ receipt: UploadReceipt) -> String {
        var text = "✓ \(receipt.package) → s3://\(receipt.bucket)/\(receipt.key)"
        text += "  \(receipt.size) bytes, sha256 \(receipt.sha256.prefix(16))…, version \(receipt.versionID ?? "-")"
        if let mode = receipt.lockMode { text += ", \(mode) until \(receipt.retainUntil ?? "?")" }
        return text + " (confirmed: \(receipt.confirmedBy))"
    }
}
