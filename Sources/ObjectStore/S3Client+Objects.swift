import Crypto
import Foundation
import NIOHTTP1

extension S3Client {
    /// What an object looks like after upload, read back from the server.
    public struct ObjectState: Sendable, Equatable {
        public var size: Int
        public var etag: String
        public var versionID: String?
        public var checksumSHA256: String?
        public var lockMode: String?
        public var retainUntil: Date?
    }

    /// Whether the bucket has Object Lock enabled (GetObjectLockConfiguration).
    public func objectLockEnabled(bucket: String) async throws -> Bool {
        do {
            let response = try await send(
                "GetObjectLockConfiguration",
                method: .GET,
                bucket: bucket,
                key: nil,
                query: [("object-lock", "")]
            )
            return XMLFields.first("ObjectLockEnabled", in: String(decoding: response.body, as: UTF8.self))
                == "Enabled"
        } catch let error as S3Error {
            if case .service(_, _, _, let code, _) = error, code == "ObjectLockConfigurationNotFoundError" {
                return false
            }
            throw error
        }
    }

    /// Headers asking for a lock on a new object.
    static func lockHeaders(_ lock: ObjectLock?) -> [(String, String)] {
        guard let lock else { return [] }
        return [
            ("x-amz-object-lock-mode", lock.mode.rawValue),
            ("x-amz-object-lock-retain-until-date", lock.retainUntilText),
        ]
    }

    /// Integrity headers for a body whose SHA-256 is `sha256`: Content-MD5 (required by S3 for locked
    /// objects) and x-amz-checksum-sha256.
    static func checksumHeaders(_ body: Data, sha256: Data) -> [(String, String)] {
        [
            ("content-md5", Data(Insecure.MD5.hash(data: body)).base64EncodedString()),
            ("x-amz-checksum-sha256", sha256.base64EncodedString()),
        ]
    }

    /// PutObject of one body (`sha256`: its digest, hashed once by the caller); returns the version id the
    /// server assigned (versioned buckets).
    public func putObject(
        bucket: String,
        key: String,
        body: Data,
        sha256: Data,
        lock: ObjectLock?
    ) async throws -> String? {
        let response = try await send(
            "PutObject",
            method: .PUT,
            bucket: bucket,
            key: key,
            headers: [("content-type", "application/zip")] + Self.checksumHeaders(body, sha256: sha256)
                + Self.lockHeaders(lock),
            body: body,
            bodySHA256: sha256
        )
        return response.headers.first(name: "x-amz-version-id")
    }

    /// HeadObject (with checksum mode) and GetObjectRetention of one version.
    public func objectState(bucket: String, key: String, versionID: String?) async throws -> ObjectState {
        let version = versionID.map { [("versionId", $0)] } ?? []
        let head = try await send(
            "HeadObject",
            method: .HEAD,
            bucket: bucket,
            key: key,
            query: version,
            headers: [("x-amz-checksum-mode", "ENABLED")]
        )
        var state = ObjectState(
            size: Int(head.headers.first(name: "content-length") ?? "") ?? -1,
            etag: head.headers.first(name: "etag") ?? "",
            versionID: head.headers.first(name: "x-amz-version-id") ?? versionID,
            checksumSHA256: head.headers.first(name: "x-amz-checksum-sha256"),
            lockMode: head.headers.first(name: "x-amz-object-lock-mode"),
            retainUntil: head.headers.first(name: "x-amz-object-lock-retain-until-date").flatMap(ObjectLock.parse)
        )
        do {
            let retention = try await send(
                "GetObjectRetention",
                method: .GET,
                bucket: bucket,
                key: key,
                query: [("retention", "")] + version
            )
            let xml = String(decoding: retention.body, as: UTF8.self)
            state.lockMode = XMLFields.first("Mode", in: xml) ?? state.lockMode
            state.retainUntil =
                XMLFields.first("RetainUntilDate", in: xml).flatMap(ObjectLock.parse) ?? state.retainUntil
        } catch let error as S3Error {
            guard case .service(_, _, _, let code, _) = error,
                ["NoSuchObjectLockConfiguration", "ObjectLockConfigurationNotFoundError", "InvalidRequest"].contains(
                    code
                )
            else { throw error }
        }
        return state
    }

    /// DeleteObject of one version (tests use it to prove a lock holds; uploads never delete).
    public func deleteObject(bucket: String, key: String, versionID: String?) async throws {
        _ = try await send(
            "DeleteObject",
            method: .DELETE,
            bucket: bucket,
            key: key,
            query: versionID.map { [("versionId", $0)] } ?? []
        )
    }
}
