import AuditPackCore
import Foundation
import Packaging
import TestSupport

/// A small real package (optionally with a large incompressible evidence file, for multipart uploads).
enum TestPackage {
    static func make(in folder: TestFolder, name: String = "package.zip", extraBytes: Int = 0) throws -> URL {
        let evidence = folder.url.appendingPathComponent("evidence-\(name)")
        try FileManager.default.createDirectory(at: evidence, withIntermediateDirectories: true)
        var files: [(String, Data)] = [
            ("C01-network-policies.json", Data(#"{"apiVersion":"v1","items":[],"kind":"List"}"#.utf8))
        ]
        if extraBytes > 0 {
            var generator = SystemRandomNumberGenerator()
            files.append(
                ("C02-blob.json", Data((0..<extraBytes).map { _ in UInt8.random(in: 0...255, using: &generator) }))
            )
        }
        var entries: [Manifest.Entry] = []
        for (file, data) in files {
            try data.write(to: evidence.appendingPathComponent(file))
            entries.append(
                Manifest.Entry(
                    id: String(file.prefix(3)),
                    control: String(file.prefix(3)),
                    description: file,
                    file: file,
                    collectedAt: "2026-12-06T10:00:00Z",
                    elapsedMilliseconds: 1,
                    sha256: Hashing.sha256Hex(data),
                    size: data.count,
                    status: .ok,
                    command: "kubectl get …"
                )
            )
        }
        let manifest = Manifest(
            packageID: "pkg-\(name)",
            auditDate: "2026-12-06",
            run: .init(
                startedAt: "2026-12-06T10:00:00Z",
                finishedAt: "2026-12-06T10:00:01Z",
                wallMilliseconds: 900,
                itemMillisecondsSum: 2,
                selectedControls: files.map { String($0.0.prefix(3)) }
            ),
            cluster: .init(
                server: "https://k.example:6443",
                context: "prod",
                serverVersion: "v1.30.4",
                clusterID: "uid-1"
            ),
            collector: .init(username: "auditor", groups: [], host: "ci"),
            controls: entries
        )
        let url = folder.url.appendingPathComponent(name)
        _ = try EvidencePackage.write(
            manifest: manifest,
            evidenceFolder: evidence,
            artifacts: [],
            timestamp: Date(timeIntervalSince1970: 1_795_000_000),
            signingKey: SigningKey(),
            to: url
        )
        return url
    }
}
