import Foundation
import KubeEmulator
import TestSupport
import Testing

/// Several clusters in one run: `collect --all-contexts` over three contexts, one unreachable, writes the
/// two packages, names the third with its cause, exits 1, and summarises both clusters' verdicts; `fleet`
/// renders the same matrix from the packages.
@Suite("collect: every cluster in one run")
struct FleetCollectTests {
    static let binary = Tools.auditpack

    static func kubeconfig(_ emulators: [KubeEmulator], unreachable: String) -> String {
        var clusters = ""
        var users = ""
        var contexts = ""
        for (index, emulator) in emulators.enumerated() {
            let ca = Data(emulator.caCertificatePEM.utf8).base64EncodedString()
            clusters +=
                "- name: cluster-\(index)\n  cluster: {server: \(emulator.baseURL), certificate-authority-data: \(ca)}\n"
            users += "- name: user-\(index)\n  user: {token: auditpack-demo-token}\n"
            contexts += "- name: prod-\(index)\n  context: {cluster: cluster-\(index), user: user-\(index)}\n"
        }
        clusters += "- name: gone\n  cluster: {server: \(unreachable), insecure-skip-tls-verify: true}\n"
        contexts += "- name: decommissioned\n  context: {cluster: gone, user: user-0}\n"
        return
            "apiVersion: v1\nkind: Config\ncurrent-context: prod-0\nclusters:\n\(clusters)users:\n\(users)contexts:\n\(contexts)"
    }

    @Test func allContextsWithOneUnreachable() async throws {
        let first = try await EmulatorFixture.start()
        let second = try await EmulatorFixture.start()
        let folder = TestFolder()
        let kubeconfig = try folder.write(
            "kubeconfig",
            Self.kubeconfig([first.emulator, second.emulator], unreachable: "https://127.0.0.1:9")
        )
        let out = folder.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let result = try await Tools.runAsync(
            Self.binary,
            [
                "collect", "--kubeconfig", kubeconfig, "--all-contexts", "--output-dir", out.path, "--controls",
                "C01,C03,C05", "--timeout", "5",
            ]
        )
        await first.stop()
        await second.stop()
        #expect(result.status == 1, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("context decommissioned"), "\(result.stderr)")
        #expect(result.stderr.contains("127.0.0.1:9"))
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        let packages = files.filter { $0.hasSuffix(".zip") }
        #expect(packages.count == 2, "\(files)")
        let summaryFile = try #require(files.first { $0.hasPrefix("fleet-") && $0.hasSuffix(".json") })
        #expect(files.contains(summaryFile.replacingOccurrences(of: ".json", with: ".html")))
        let summary =
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent(summaryFile)))
            as? [String: Any]
        let clusters = summary?["clusters"] as? [[String: Any]] ?? []
        #expect(clusters.map { $0["context"] as? String } == ["decommissioned", "prod-0", "prod-1"])
        #expect(clusters.map { $0["status"] as? String } == ["failed", "ok", "ok"])
        for cluster in clusters.dropFirst() {
            let verdicts = cluster["verdicts"] as? [String: String] ?? [:]
            #expect(Set(verdicts.keys) == ["C01", "C03", "C05"])
            #expect(verdicts["C03"] == "fail", "the sample cluster has a planted wildcard binding")
        }
        // The same matrix from the packages alone.
        let fleet = try await Tools.runAsync(
            Self.binary,
            ["fleet", "--format", "json"] + packages.map { out.appendingPathComponent($0).path }
        )
        #expect(fleet.status == 0, "\(fleet.stderr)")
        let rendered = try JSONSerialization.jsonObject(with: Data(fleet.stdout.utf8)) as? [String: Any]
        #expect((rendered?["clusters"] as? [Any])?.count == 1, "both packages are the same cluster id? \(fleet.stdout)")
    }
}
