import Foundation
import Logging
import ObjectStore
import Packaging

/// `auditpack upload` (and `collect --upload`): verify each package, then upload it with its lock and
/// confirm it by read-back. Packages that do not verify are never uploaded.
public enum UploadWorkflow {
    public struct Request: Sendable {
        public var destination: String
        public var endpoint: String?
        public var region: String?
        public var pathStyle = false
        public var lock: ObjectLock?
        public var trust: PackageVerifier.Trust = .none
        public var multipartThreshold = 16 << 20
        public var partSize = 16 << 20

        public init(destination: String) { self.destination = destination }
    }

    /// One result per package: a receipt, or why it failed (the others still go up).
    public struct Outcome: Sendable {
        public var receipts: [UploadReceipt]
        public var failures: [(package: String, reason: String)]
    }

    public static func run(
        packages: [URL],
        request: Request,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger
    ) async throws -> Outcome {
        let region = request.region ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? "us-east-1"
        var settings = PackageUploader.Settings(
            destination: try S3Location(parsing: request.destination),
            endpoint: try S3Endpoint(endpoint: request.endpoint, region: region, pathStyle: request.pathStyle),
            lock: request.lock
        )
        settings.multipartThreshold = request.multipartThreshold
        settings.partSize = max(request.partSize, 5 << 20)
        for package in packages {
            let report = PackageVerifier.verify(package: package, trust: request.trust)
            guard report.verdict == .intact else {
                throw S3Error.packageNotIntact(
                    path: package.path,
                    reason: (report.problems + report.files.filter { !$0.ok }.map { "\($0.name): \($0.reason ?? "")" })
                        .prefix(2).joined(separator: "; ")
                )
            }
        }
        let credentials = try await CredentialChain(environment: environment, region: region).resolve()
        logger.debug("uploading with \(credentials)")
        let uploader = PackageUploader(settings: settings, credentials: credentials, logger: logger)
        do {
            try await uploader.checkBucket()
        } catch {
            await uploader.shutdown()
            throw error
        }
        var outcome = Outcome(receipts: [], failures: [])
        for package in packages {
            do {
                outcome.receipts.append(try await uploader.upload(package))
            } catch {
                outcome.failures.append((package.path, "\(error)"))
            }
        }
        await uploader.shutdown()
        return outcome
    }
}

extension UploadWorkflow {
    /// `collect --upload`: uploads the package just written and records the receipt beside it
    /// (`PKG.zip.upload.json`, written atomically and never over an existing file).
    public static func uploadCollected(
        _ package: URL,
        request: Request,
        logger: Logger
    ) async throws -> (receipt: UploadReceipt, file: URL) {
        let outcome = try await run(packages: [package], request: request, logger: logger)
        if let failure = outcome.failures.first { throw UploadFailure(package: package.path, reason: failure.reason) }
        guard let receipt = outcome.receipts.first else {
            throw UploadFailure(package: package.path, reason: "nothing was uploaded")
        }
        let file = package.appendingPathExtension("upload.json")
        do {
            try OutputFile.write(try receipt.encoded(), to: file)
        } catch {
            throw UploadFailure(package: package.path, reason: "the receipt could not be written (\(error))")
        }
        return (receipt, file)
    }
}
