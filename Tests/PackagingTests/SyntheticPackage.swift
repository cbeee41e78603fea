import AuditPackCore
import Foundation
import Packaging
import TestSupport
import ZIPFoundation

/// A small package built from made-up evidence, for signing and tampering tests (no cluster needed).
struct SyntheticPackage {
    let folder: TestFolder
    let url: URL
    let manifest: Manifest
    let key: SigningKey?

    static let timestamp = Date(timeIntervalSince1970: 1_795_000_000)

    static func make(
        signed key: SigningKey? = nil,
        packageID: String = "pkg-1",
        previous: Manifest.PreviousPackage? = nil,
        folder: TestFolder = TestFolder(),
        name: String = "package.zip"
    ) throws -> SyntheticPackage {
        let evidence = folder.url.appendingPathComponent("evidence-\(packageID)")
        try FileManager.default.createDirectory(at: evidence, withIntermediateDirectories: true)
        let files = [
            ("C01-network-policies.json", #"{"apiVersion":"v1","items":[],"kind":"List"}"#),
            (
                "C05-namespace-pss-labels.txt",
                "default\t{}\nkube-system\t{\"pod-security.kubernetes.io/enforce\":\"privileged\"}\n"
            ),
            ("C08-kube-bench.txt", "[FAIL] 4.2.6 Ensure that the --protect-kernel-defaults argument is set to true\n"),
        ]
        var entries: [Manifest.Entry] = []
        for (file, text) in files {
            let data = Data(text.utf8)
            try data.write(to: evidence.appendingPathComponent(file))
            entries.append(
                Manifest.Entry(
                    id: String(file.prefix(3)),
                    control: String(file.prefix(3)),
                    description: file,
                    file: file,
                    collectedAt: "2026-11-19T10:00:00Z",
                    elapsedMilliseconds: 5,
                    sha256: Hashing.sha256Hex(data),
                    size: data.count,
                    status: .ok,
                    command: "kubectl get …"
                )
            )
        }
        let manifest = Manifest(
            packageID: packageID,
            auditDate: "2026-11-19",
            run: .init(
                startedAt: "2026-11-19T10:00:00Z",
                finishedAt: "2026-11-19T10:00:01Z",
                wallMilliseconds: 900,
                itemMillisecondsSum: 15,
                selectedControls: ["C01", "C05", "C08"]
            ),
            cluster: .init(
                server: "https://k.example:6443",
                context: "prod",
                serverVersion: "v1.30.4",
                clusterID: "uid-1"
            ),
            collector: .init(username: "auditor", groups: [], host: "laptop"),
            controls: entries,
            previous: previous
        )
        let url = folder.url.appendingPathComponent(name)
        let written = try EvidencePackage.write(
            manifest: manifest,
            evidenceFolder: evidence,
            artifacts: [(name: "findings.json", kind: "findings", data: Data(#"{"controls":[]}"#.utf8))],
            timestamp: timestamp,
            signingKey: key,
            to: url
        )
        return SyntheticPackage(folder: folder, url: url, manifest: written.manifest, key: key)
    }

    /// All entries of the package, in order.
    func entries() throws -> [(String, Data)] {
        let reader = try PackageReader(url: url)
        return try reader.names.map { ($0, try reader.data($0)) }
    }

    /// A copy of the package with its entries rewritten by `change` (raw ZIP writing: no safety checks).
    func rewritten(_ name: String, _ change: ([(String, Data)]) -> [(String, Data)]) throws -> URL {
        let target = folder.url.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: target)
        let archive = try Archive(url: target, accessMode: .create)
        for (entryName, data) in change(try entries()) {
            try archive.addEntry(
                with: entryName,
                type: .file,
                uncompressedSize: Int64(data.count),
                modificationDate: Self.timestamp,
                permissions: 0o644,
                compressionMethod: .deflate
            ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        return target
    }
}
