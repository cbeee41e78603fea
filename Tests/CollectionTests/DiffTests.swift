import AuditPackCore
import Evaluation
import Foundation
import KubeEmulator
import Packaging
import Reports
import TestSupport
import Testing
import Workflows

/// `auditpack diff` over two real collections of the emulated cluster, with known changes between them.
@Suite("diff: two collections with changes between them")
struct DiffTests {
    /// (item, change, object) for every evidence change, e.g. "C03a added ClusterRoleBinding ci-admin".
    static func changes(_ diff: PackageDiff) -> Set<String> {
        Set(
            diff.evidence.flatMap { item in
                [("added", item.added), ("removed", item.removed), ("changed", item.changed)].flatMap {
                    change,
                    objects in
                    objects.map { "\(item.item) \(change) \($0.label)" }
                }
            }
        )
    }

    static let expectedChanges: Set<String> = [
        "C01 removed NetworkPolicy payments/allow-api-to-db",
        "C01b changed Namespace checkout",
        "C03a added ClusterRoleBinding ci-admin",
        "C03e added ClusterRoleBinding ci-admin",
        // The new cluster-admin group's effective permissions (C03f names items Kind:name).
        "C03f added SubjectPermissions Group:ci-admins",
        "C05 changed File C05-namespace-pss-labels.txt",
        "C05b changed Namespace checkout",
        "C10 changed Certificate frontend/frontend-tls",
    ]

    @Test func reportsExactlyTheChangesMade() async throws {
        try await withEmulator { fixture in
            let series = try ClusterSeries(fixture)
            let old = try await series.collect(at: ClusterSeries.day(1))
            try series.change { try $0.withScenarioChanges() }
            let new = try await series.collect(at: ClusterSeries.day(2), previous: old)
            let diff = try DiffWorkflow.run(old: old, new: new)

            #expect(Self.changes(diff) == Self.expectedChanges)
            let objects = diff.evidence.flatMap { $0.added + $0.removed + $0.changed }
            let binding = objects.first { $0.kind == "ClusterRoleBinding" }
            #expect(binding?.detail == "binds ClusterRole/cluster-admin to Group/ci-admins")
            let namespace = objects.first { $0.kind == "Namespace" }
            #expect(namespace?.detail == "pod-security.kubernetes.io/enforce: restricted → privileged")
            let certificate = objects.first { $0.kind == "Certificate" }
            #expect(certificate?.detail?.contains("notAfter: 2027-03-20T09:30:00Z → 2027-11-03T09:30:00Z") == true)
            #expect(certificate?.detail?.contains("revision: 2 → 3") == true)
            let text = objects.first { $0.kind == "File" }
            #expect(text?.detail?.contains("privileged") == true)

            // The new binding and the privileged namespace are new findings, keyed by rule and object.
            let newFindings = diff.findings.new.map { "\($0.control) \(DiffWordingProbe.object($0.object))" }
            #expect(newFindings.contains("C03 ClusterRoleBinding ci-admin"))
            #expect(newFindings.contains { $0.hasPrefix("C05 Namespace checkout") })
            #expect(!diff.findings.persisting.isEmpty)
            #expect(diff.findings.new.allSatisfy { finding in !diff.findings.persisting.contains(finding) })

            #expect(diff.warnings.isEmpty)
            #expect(diff.notes.contains { $0.contains("points at OLD") })
            #expect(diff.old.package == old.lastPathComponent && diff.new.package == new.lastPathComponent)
            #expect(diff.new.previousManifestSHA256 == diff.old.manifestSHA256)
            #expect(diff.holds(.newFindings) && diff.holds(.anyChange))
        }
    }

    @Test func everyFormatShowsTheChanges() async throws {
        try await withEmulator { fixture in
            let series = try ClusterSeries(fixture)
            let old = try await series.collect(at: ClusterSeries.day(1))
            try series.change { try $0.withScenarioChanges() }
            let new = try await series.collect(at: ClusterSeries.day(2))
            let diff = try DiffWorkflow.run(old: old, new: new)

            let json = try diff.render(.json)
            let document = try #require(
                try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            )
            #expect(Set(document.keys).isSuperset(of: ["old", "new", "verdicts", "findings", "evidence"]))
            let findings = try #require(document["findings"] as? [String: Any])
            #expect(Set(findings.keys) == ["new", "resolved", "persisting"])
            let firstNew = try #require((findings["new"] as? [[String: Any]])?.first)
            #expect(Set(firstNew.keys) == ["control", "rule", "severity", "object", "message"])
            let evidence = try #require(document["evidence"] as? [[String: Any]])
            let removed = evidence.first { $0["item"] as? String == "C01" }?["removed"] as? [[String: Any]]
            let object = try #require(removed?.first)
            #expect(object["kind"] as? String == "NetworkPolicy")
            #expect(object["namespace"] as? String == "payments")
            #expect(object["name"] as? String == "allow-api-to-db")
            #expect(try JSONDecoder().decode(PackageDiff.self, from: Data(json.utf8)) == diff)

            let text = try diff.render(.text)
            let markdown = try diff.render(.markdown)
            let html = try diff.render(.html)
            for (format, rendered) in [("text", text), ("markdown", markdown), ("html", html)] {
                for needle in [
                    "ClusterRoleBinding ci-admin", "binds ClusterRole/cluster-admin to Group/ci-admins",
                    "NetworkPolicy payments/allow-api-to-db", "Namespace checkout", "restricted → privileged",
                    "Certificate frontend/frontend-tls",
                ] {
                    #expect(rendered.contains(needle), "\(format) shows \(needle)")
                }
            }
            #expect(text.contains("+ ClusterRoleBinding ci-admin"))
            #expect(text.contains("- NetworkPolicy payments/allow-api-to-db"))
            #expect(text.contains("~ Namespace checkout"))
            #expect(markdown.contains("| added | ClusterRoleBinding ci-admin |"))
            #expect(html.hasPrefix("<!DOCTYPE html>") && !html.contains("<script"))
            #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
        }
    }

    @Test func unchangedClusterGivesAnEmptyDiff() async throws {
        try await withEmulator { fixture in
            let series = try ClusterSeries(fixture)
            let old = try await series.collect(at: ClusterSeries.day(1))
            // Rebuilt store, volatile fields touched: nothing an auditor would call a change.
            try series.change { store in
                try store.replacing(kind: "NetworkPolicy", namespace: "checkout", name: "default-deny-all") {
                    var metadata = $0["metadata"] as? [String: Any] ?? [:]
                    metadata["resourceVersion"] = "400000"
                    metadata["generation"] = 7
                    $0["metadata"] = metadata
                }
            }
            let new = try await series.collect(at: ClusterSeries.day(1, hour: 14))
            let diff = try DiffWorkflow.run(old: old, new: new)
            #expect(diff.evidence.isEmpty, "\(Self.changes(diff))")
            #expect(diff.verdicts.isEmpty)
            #expect(diff.findings.new.isEmpty && diff.findings.resolved.isEmpty)
            #expect(!diff.holds(.anyChange) && !diff.holds(.newFindings) && !diff.holds(.verdictRegression))
            #expect(diff.notes.isEmpty, "no chain link was recorded")
        }
    }

    @Test func differentClustersAreWarnedAbout() async throws {
        let first = try await withEmulator { fixture in
            try await ClusterSeries(fixture).collect(at: ClusterSeries.day(1))
        }
        let otherCluster = try ClusterStore.sample().replacing(kind: "Namespace", name: "kube-system") {
            var metadata = $0["metadata"] as? [String: Any] ?? [:]
            metadata["uid"] = "0b5e4c1a-0000-4000-8000-000000000002"
            $0["metadata"] = metadata
        }
        let second = try await withEmulator(store: otherCluster) { fixture in
            try await ClusterSeries(fixture).collect(at: ClusterSeries.day(2))
        }
        let diff = try DiffWorkflow.run(old: first, new: second)
        #expect(diff.warnings.count == 1)
        #expect(diff.warnings.first?.contains("0b5e4c1a-0000-4000-8000-000000000002") == true)
        #expect(Self.changes(diff).contains("C01b changed Namespace kube-system"))
    }

    @Test func signedPackagesAreCheckedAgainstTheTrustedKey() async throws {
        try await withEmulator { fixture in
            let series = try ClusterSeries(fixture)
            let key = SigningKey()
            let old = try await series.collect(at: ClusterSeries.day(1), signingKey: key)
            let new = try await series.collect(at: ClusterSeries.day(2), previous: old, signingKey: key)
            let trusted = try DiffWorkflow.run(old: old, new: new, trust: .fingerprint(key.fingerprint))
            #expect(trusted.old.signature == "trusted" && trusted.new.signature == "trusted")
            let timeline = try TimelineWorkflow.run(
                TimelineWorkflow.Request(packages: [old, new], trust: .fingerprint(key.fingerprint))
            )
            #expect(timeline.chain.intact && timeline.missedRuns.isEmpty)
            // Signed, but by another key than the one the auditor trusts: refused, naming the package.
            let other = SigningKey().fingerprint
            #expect(throws: SeriesError.self) { try DiffWorkflow.run(old: old, new: new, trust: .fingerprint(other)) }
            #expect(throws: SeriesError.self) {
                try TimelineWorkflow.run(TimelineWorkflow.Request(packages: [old, new], trust: .fingerprint(other)))
            }
        }
    }

    @Test func aPackageThatDoesNotVerifyIsRefused() async throws {
        try await withEmulator { fixture in
            let series = try ClusterSeries(fixture)
            let old = try await series.collect(at: ClusterSeries.day(1))
            let damaged = series.folder.url.appendingPathComponent("damaged.zip")
            var bytes = try Data(contentsOf: old)
            bytes[bytes.count / 2] ^= 0xFF
            try bytes.write(to: damaged)
            #expect {
                try DiffWorkflow.run(old: old, new: damaged)
            } throws: { error in
                guard case .notVerified(let path, _) = error as? SeriesError else { return false }
                return path == damaged.path && (error as? SeriesError)?.exitCode == 2
            }
            // Signed by nobody, but a trusted key is required.
            #expect(throws: SeriesError.self) {
                try DiffWorkflow.run(old: old, new: old, trust: .fingerprint(String(repeating: "a", count: 64)))
            }
        }
    }
}

/// `kind namespace/name`, as the tests spell objects.
enum DiffWordingProbe {
    static func object(_ object: Evaluation.ObjectRef) -> String {
        "\(object.kind) \(object.namespace.map { "\($0)/" } ?? "")\(object.name)"
    }
}
