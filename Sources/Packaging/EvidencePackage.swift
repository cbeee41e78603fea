import AuditPackCore
import Foundation

/// Assembles a package from a collection run: every evidence file named in the manifest, the
/// artifacts (findings, report), and manifest.json.
public enum EvidencePackage {
    /// The file name a package gets by default: `audit-evidence-<cluster>-<UTC yyyy-mm-ddThhmmssZ>.zip`.
    public static func defaultFileName(cluster: String, startedAt: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HHmmss'Z'"
        let safe = cluster.lowercased().map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" }
        let name = String(safe).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return "audit-evidence-\(name.isEmpty ? "cluster" : name)-\(formatter.string(from: startedAt)).zip"
    }

    /// Writes the package; `artifacts` are extra files (name → bytes) that the manifest lists with hashes.
    public static func write(
        manifest: Manifest,
        evidenceFolder: URL,
        artifacts: [(name: String, kind: String, data: Data)],
        timestamp: Date,
        signingKey: SigningKey? = nil,
        to destination: URL
    ) throws -> (manifest: Manifest, sha256: String) {
        let session = try begin(
            manifest: manifest,
            evidenceFolder: evidenceFolder,
            timestamp: timestamp,
            to: destination
        )
        return try finish(session, manifest: manifest, artifacts: artifacts, signingKey: signingKey)
    }

    /// Starts the package with its evidence files (the bulk of the bytes, compressed here), which can run
    /// while the findings and report are made; `finish` adds those, the manifest and signatures.
    public static func begin(
        manifest: Manifest,
        evidenceFolder: URL,
        timestamp: Date,
        to destination: URL
    ) throws -> PackageWriter.Session {
        // Evidence files are named after their control (`C01-…`): they sort before every lower-case
        // artifact, manifest and signature name, so they go first.
        let entries = manifest.controls.map { entry in
            PackageWriter.Entry(name: entry.file, source: .file(evidenceFolder.appendingPathComponent(entry.file)))
        }
        let session = try PackageWriter.Session(destination: destination, timestamp: timestamp)
        do {
            try session.add(entries.sorted { $0.name < $1.name })
        } catch {
            session.abandon()
            throw error
        }
        return session
    }

    /// A file a package carries beside its evidence (findings, OSCAL documents, report), with its digest: in
    /// memory, or written to a file as it was made (a large cluster's OSCAL results are tens of megabytes).
    public struct Artifact: Sendable {
        public var name: String
        public var kind: String
        public var source: PackageWriter.Entry.Source
        public var sha256: String
        public var size: Int

        public init(name: String, kind: String, data: Data) {
            self.init(name: name, kind: kind, source: .data(data), sha256: Hashing.sha256Hex(data), size: data.count)
        }

        public init(name: String, kind: String, source: PackageWriter.Entry.Source, sha256: String, size: Int) {
            self.name = name
            self.kind = kind
            self.source = source
            self.sha256 = sha256
            self.size = size
        }
    }

    /// Adds the artifacts, manifest.json and (with a key) the signatures, then moves the package into place.
    public static func finish(
        _ session: PackageWriter.Session,
        manifest: Manifest,
        artifacts: [(name: String, kind: String, data: Data)],
        signingKey: SigningKey? = nil
    ) throws -> (manifest: Manifest, sha256: String) {
        try finish(
            session,
            manifest: manifest,
            artifacts: artifacts.map { Artifact(name: $0.name, kind: $0.kind, data: $0.data) },
            signingKey: signingKey
        )
    }

    /// Adds the artifacts, manifest.json and (with a key) the signatures, then moves the package into place.
    public static func finish(
        _ session: PackageWriter.Session,
        manifest: Manifest,
        artifacts: [Artifact],
        signingKey: SigningKey? = nil
    ) throws -> (manifest: Manifest, sha256: String) {
        do {
            var manifest = manifest
            manifest.artifacts = artifacts.map { artifact in
                Manifest.Artifact(
                    file: artifact.name,
                    sha256: artifact.sha256,
                    size: artifact.size,
                    kind: artifact.kind
                )
            }
            let manifestData = try manifest.encoded()
            var entries = artifacts.map { PackageWriter.Entry(name: $0.name, source: $0.source) }
            entries.append(PackageWriter.Entry(name: "manifest.json", source: .data(manifestData)))
            if let signingKey {
                let signature = try ManifestSignature.sign(
                    manifestData: manifestData,
                    manifest: manifest,
                    key: signingKey
                )
                entries += [
                    PackageWriter.Entry(name: "manifest.sig", source: .data(signature.raw)),
                    PackageWriter.Entry(name: "manifest.json.minisig", source: .data(Data(signature.minisign.utf8))),
                    PackageWriter.Entry(name: "attestation.intoto.json", source: .data(signature.attestation)),
                    PackageWriter.Entry(name: "signer.pub.pem", source: .data(Data(signature.signerPublicKeyPEM.utf8))),
                ]
            }
            let names = entries.map(\.name)
            guard Set(names).count == names.count else {
                throw PackageError.duplicateEntry(names.sorted().adjacentDuplicate ?? "")
            }
            try session.add(entries.sorted { $0.name < $1.name })
            return (manifest, try session.finish())
        } catch {
            session.abandon()
            throw error
        }
    }
}
