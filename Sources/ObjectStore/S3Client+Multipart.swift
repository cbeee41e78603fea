import Crypto
import Foundation
import NIOHTTP1

extension S3Client {
    /// Uploads `file` in parts of `partSize` bytes (CreateMultipartUpload, UploadPart with Content-MD5 and
    /// SHA-256 per part, CompleteMultipartUpload); aborts the upload on any failure. Returns the version id.
    public func putObjectInParts(
        bucket: String,
        key: String,
        file: URL,
        partSize: Int,
        lock: ObjectLock?
    ) async throws -> String? {
        let created = try await send(
            "CreateMultipartUpload",
            method: .POST,
            bucket: bucket,
            key: key,
            query: [("uploads", "")],
            headers: [("content-type", "application/zip"), ("x-amz-checksum-algorithm", "SHA256")]
                + Self.lockHeaders(lock)
        )
        guard let uploadID = XMLFields.first("UploadId", in: String(decoding: created.body, as: UTF8.self)) else {
            throw S3Error.service(
                operation: "CreateMultipartUpload",
                target: "s3://\(bucket)/\(key)",
                status: created.status,
                code: "NoUploadId",
                message: "the answer names no upload id"
            )
        }
        do {
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            var parts: [(number: Int, etag: String, sha256: String)] = []
            var number = 1
            while let chunk = try handle.read(upToCount: partSize), !chunk.isEmpty {
                let digest = Data(SHA256.hash(data: chunk))
                let checksums = Self.checksumHeaders(chunk, sha256: digest)
                let response = try await send(
                    "UploadPart",
                    method: .PUT,
                    bucket: bucket,
                    key: key,
                    query: [("partNumber", "\(number)"), ("uploadId", uploadID)],
                    headers: checksums,
                    body: chunk,
                    bodySHA256: digest
                )
                parts.append((number, response.headers.first(name: "etag") ?? "", checksums[1].1))
                number += 1
            }
            let xml =
                "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + parts.map {
                    "<Part><PartNumber>\($0.number)</PartNumber><ETag>\(XMLFields.escape($0.etag))</ETag>"
                        + "<ChecksumSHA256>\($0.sha256)</ChecksumSHA256></Part>"
                }
                .joined() + "</CompleteMultipartUpload>"
            let completed = try await send(
                "CompleteMultipartUpload",
                method: .POST,
                bucket: bucket,
                key: key,
                query: [("uploadId", uploadID)],
                headers: [("content-type", "application/xml")],
                body: Data(xml.utf8)
            )
            // S3 can answer 200 with an error document for a late failure.
            let answer = String(decoding: completed.body, as: UTF8.self)
            if let code = XMLFields.first("Code", in: answer), answer.contains("<Error>") {
                throw S3Error.service(
                    operation: "CompleteMultipartUpload",
                    target: "s3://\(bucket)/\(key)",
                    status: completed.status,
                    code: code,
                    message: XMLFields.first("Message", in: answer) ?? ""
                )
            }
            return completed.headers.first(name: "x-amz-version-id")
        } catch {
            _ = try? await send(
                "AbortMultipartUpload",
                method: .DELETE,
                bucket: bucket,
                key: key,
                query: [("uploadId", uploadID)]
            )
            throw error
        }
    }
}
