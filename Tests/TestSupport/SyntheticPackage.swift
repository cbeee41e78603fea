import AuditPackCore
import Foundation
import Packaging

/// A small package built from made-up evidence, for signing, tampering and upload tests (no cluster needed).
public struct SyntheticPackage {
    public let folder: TestFolder
    public let url: URL
    public let manifest: Manifest
    public let key: SigningKey?

    public static let timestamp = Date(timeIntervalSince1970: 1_795_000_000)

    /// A package some other way made (e.g. rewritten), to rewrite further.
    public init(folder: TestFolder, url: URL, manifest: Manifest, key: SigningKey?) {
        self.folder = folder
        self.url = url
        self.manifest = manifest
        self.key = key
    }

    /// `extraBytes` adds an incompressible evidence file of that size (for multipart uploads).
    public static func make(
        signed key: SigningKey? = nil,
        packageID: String = "pkg-1",
        previous: Manifest.PreviousPackage? = nil,
        folder: TestFolder = TestFolder(),
        name: String = "package.zip",
        extraBytes: Int = 0
    ) throws -> SyntheticPackage {
        let evidence = folder.url.appendingPathComponent("evidence-\(packageID)")
        try FileManager.default.createDirectory(at: evidence, withIntermediateDirectories: true)
        var files = [
            ("C01-network-policies.json", Data(#"{"apiVersion":"v1","items":[],"kind":"List"}"#.utf8)),
            (
                "C05-namespace-pss-labels.txt",
                Data("default\t{}\nkube-system\t{\"pod-security.kubernetes.io/enforce\":\"privileged\"}\n".utf8)
            ),
            (
                "C08-kube-bench.txt",
                Data("[FAIL] 4.2.6 Ensure that the --protect-kernel-defaults argument is set to true\n".utf8)
            ),
        ]
        if extraBytes > 0 {
            var generator = SystemRandomNumberGenerator()
            files.append(
                ("C02-blob.json", Data((0..<extraBytes).map { _ in UInt8.random(in: 0...255, using: &generator) }))
            )
        }
        files.sort { $0.0 < $1.0 }
        var entries: [Manifest.Entry] = []
        for (file, data) in files {
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
                selectedControls: files.map { String($0.0.prefix(3)) }
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
}
