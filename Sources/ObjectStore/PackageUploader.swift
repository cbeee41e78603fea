import Crypto
import Foundation
import Logging

/// Uploads sealed packages to a bucket and proves they arrived: PUT (multipart above a threshold) with
/// Content-MD5 and SHA-256 checksums and the requested Object Lock, then read back — size, checksum,
/// version id, retention. It only reads the local file: a failed upload never changes or deletes it.
public struct PackageUploader: Sendable {
    public struct Settings: Sendable {
        public var destination: S3Location
        public var endpoint: S3Endpoint
        public var lock: ObjectLock?
        public var multipartThreshold = 16 << 20
        public var partSize = 16 << 20

        public init(destination: S3Location, endpoint: S3Endpoint, lock: ObjectLock?) {
            self.destination = destination
            self.endpoint = endpoint
            self.lock = lock
        }
    }

    public let settings: Settings
    let client: S3Client

    public init(settings: Settings, credentials: AWSCredentials, logger: Logger) {
        self.settings = settings
        client = S3Client(endpoint: settings.endpoint, credentials: credentials, logger: logger)
    }

    public func shutdown() async { await client.shutdown() }

    /// Refuses a lock on a bucket without Object Lock before anything is sent.
    public func checkBucket() async throws {
        guard settings.lock != nil else { return }
        guard try await client.objectLockEnabled(bucket: settings.destination.bucket) else {
            throw S3Error.lockNotEnabled(bucket: settings.destination.bucket)
        }
    }

    public func upload(_ package: URL) async throws -> UploadReceipt {
        let bucket = settings.destination.bucket
        let key = settings.destination.key(for: package.lastPathComponent)
        let size = Int((try FileManager.default.attributesOfItem(atPath: package.path)[.size] as? NSNumber) ?? 0)
        let versionID: String?
        let digest: Data
        if size <= settings.multipartThreshold {
            let body = try Data(contentsOf: package)
            digest = Data(SHA256.hash(data: body))
            versionID = try await client.putObject(
                bucket: bucket,
                key: key,
                body: body,
                sha256: digest,
                lock: settings.lock
            )
        } else {
            digest = try Self.sha256(of: package)
            versionID = try await client.putObjectInParts(
                bucket: bucket,
                key: key,
                file: package,
                partSize: settings.partSize,
                lock: settings.lock
            )
        }
        let state = try await client.objectState(bucket: bucket, key: key, versionID: versionID)
        guard state.size == size else {
            throw S3Error.readBackMismatch(
                key: key,
                what: "the bucket holds \(state.size) bytes, the package has \(size)"
            )
        }
        let confirmedBy: String
        if let checksum = state.checksumSHA256, !checksum.contains("-") {
            guard checksum == digest.base64EncodedString() else {
                throw S3Error.readBackMismatch(key: key, what: "x-amz-checksum-sha256 differs from the package's")
            }
            confirmedBy = "x-amz-checksum-sha256"
        } else {
            let copy = try await client.send(
                "GetObject",
                method: .GET,
                bucket: bucket,
                key: key,
                query: versionID.map { [("versionId", $0)] } ?? []
            )
            guard Data(SHA256.hash(data: copy.body)) == digest else {
                throw S3Error.readBackMismatch(key: key, what: "the downloaded copy's SHA-256 differs")
            }
            confirmedBy = "downloaded and hashed"
        }
        if let lock = settings.lock {
            guard state.lockMode == lock.mode.rawValue, let until = state.retainUntil,
                until.timeIntervalSince1970 + 1 >= lock.retainUntil.timeIntervalSince1970
            else {
                throw S3Error.readBackMismatch(
                    key: key,
                    what:
                        "retention is \(state.lockMode ?? "none") until \(state.retainUntil.map(ObjectLock.format) ?? "-"), "
                        + "not \(lock.mode.rawValue) until \(lock.retainUntilText)"
                )
            }
        }
        return UploadReceipt(
            package: package.lastPathComponent,
            sha256: digest.map { String(format: "%02x", $0) }.joined(),
            size: size,
            bucket: bucket,
            key: key,
            endpoint:
                "\(settings.endpoint.scheme)://\(settings.endpoint.host)\(settings.endpoint.port.map { ":\($0)" } ?? "")",
            versionID: state.versionID,
            etag: state.etag,
            lockMode: state.lockMode,
            retainUntil: state.retainUntil.map(ObjectLock.format),
            uploadedAt: ObjectLock.format(Date()),
            confirmedBy: confirmedBy
        )
    }

    static func sha256(of file: URL) throws -> Data {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return Data(hasher.finalize())
    }
}
