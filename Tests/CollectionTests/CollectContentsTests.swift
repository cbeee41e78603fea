import AuditPackCore
import Foundation
import KubeAPI
import KubeEmulator
import Packaging
import TestSupport
import Testing

/// Collects the sample cluster once per test and checks each control's evidence against what the
/// emulator serves — expectations come from the served objects, not from copies in the test.
@Suite("collect: every control against the sample cluster")
struct CollectContentsTests {
    @Test func everyCatalogItemHasAHashedFile() async throws {
        let package = try await CollectedPackage.collect()
        let catalog = try Catalog.builtIn()
        let expected = catalog.controls.flatMap { $0.evidence.map(\.id) }
        #expect(package.manifest.controls.map(\.id) == expected)
        for entry in package.manifest.controls {
            let actual = try package.reader.stream(entry.file)
            #expect(actual.sha256 == entry.sha256, "\(entry.file)")
            #expect(actual.size == entry.size, "\(entry.file)")
            #expect(!entry.command.isEmpty, "\(entry.id) records its kubectl command")
        }
        let notOK = package.manifest.controls.filter { $0.status != .ok }.map(\.id)
        #expect(notOK == ["C04c"], "only the local-trivy item is not applicable when trivy-operator is installed")
        #expect(package.manifest.cluster.clusterID == package.store.clusterID)
        #expect(package.manifest.collector.username == "auditpack-demo")
        #expect(package.manifest.cluster.serverVersion == "v1.30.4")
    }

    @Test func listsHoldExactlyTheServedObjects() async throws {
        let package = try await CollectedPackage.collect()
        let expectations: [(String, String)] = [
            ("C01", "NetworkPolicy"), ("C01b", "Namespace"), ("C03a", "ClusterRoleBinding"), ("C03b", "RoleBinding"),
            ("C03c", "ClusterRole"), ("C03d", "Role"), ("C04b", "VulnerabilityReport"), ("C06", "ExternalSecret"),
            ("C06b", "SecretStore"), ("C06c", "ClusterSecretStore"), ("C06e", "Secret"), ("C09a", "ClusterPolicy"),
            ("C09b", "ValidatingWebhookConfiguration"), ("C09d", "ConstraintTemplate"),
            ("C09f", "ValidatingAdmissionPolicy"), ("C10", "Certificate"), ("C10b", "CertificateRequest"),
        ]
        for (id, kind) in expectations {
            let served = package.storeNames(kind: kind)
            #expect(!served.isEmpty, "the sample cluster has \(kind) objects")
            #expect(try package.names(id).sorted() == served, "\(id) holds every \(kind)")
            #expect(package.entry(id)?.itemCount == served.count)
            #expect(try package.items(id).allSatisfy { $0["kind"] as? String == kind })
        }
        let list = try package.json("C01")
        #expect(list["kind"] as? String == "List")
        #expect(((list["metadata"] as? [String: Any])?["resourceVersion"] as? String)?.isEmpty == false)
        #expect(package.entry("C01")?.requests.first?.path == "/apis/networking.k8s.io/v1/networkpolicies")
    }

    @Test func apiserverFlagsAreExtractedFromTheStaticPod() async throws {
        let package = try await CollectedPackage.collect()
        let pod = try #require(
            package.store.objects(kind: "Pod").compactMap {
                try? JSONSerialization.jsonObject(with: $0) as? [String: Any]
            }
            .first {
                (($0["metadata"] as? [String: Any])?["labels"] as? [String: Any])?["component"] as? String
                    == "kube-apiserver"
            }
        )
        let arguments = APIServerFlags.arguments(of: pod)
        let encryption = try package.json("C02b")["pods"] as? [[String: Any]]
        let flags = try #require(encryption?.first?["flags"] as? [String: Any])
        #expect(
            flags["--encryption-provider-config"] as? String
                == APIServerFlags.value(of: "--encryption-provider-config", in: arguments)
        )
        #expect(flags["--encryption-provider-config"] as? String != nil)
        let audit = try #require(
            (try package.json("C07b")["pods"] as? [[String: Any]])?.first?["flags"] as? [String: Any]
        )
        #expect(audit["--audit-log-path"] as? String == APIServerFlags.value(of: "--audit-log-path", in: arguments))
        let text = String(decoding: try package.data("C07"), as: UTF8.self)
        let line = try #require(text.split(separator: "\n").first)
        #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String] == arguments)
    }

    /// C03e keeps every non-system subject and nothing else, decided by subject with the function the C03
    /// evaluator uses: the anonymous and broad groups stay (they carry `system:` but are everyone), kube-system
    /// service accounts and `system:`/`kubeadm:` users and groups go, whatever the binding is named.
    @Test func derivedRBACViewHasNoSystemSubjects() async throws {
        let package = try await CollectedPackage.collect()
        let policy = RBACSubjectPolicy(try Catalog.builtIn())
        let derived = try package.items("C03e")
        #expect(package.entry("C03e")?.derivedFrom == ["C03a", "C03b"])
        func subjects(_ binding: [String: Any]) -> [RBACSubject] {
            let namespace = (binding["metadata"] as? [String: Any])?["namespace"] as? String
            return (binding["subjects"] as? [[String: Any]] ?? []).map {
                policy.subject(
                    kind: $0["kind"] as? String,
                    name: $0["name"] as? String,
                    namespace: $0["namespace"] as? String,
                    bindingNamespace: namespace
                )
            }
        }
        let kept = Dictionary(uniqueKeysWithValues: derived.map { (CollectedPackage.key($0), subjects($0)) })
        for (key, subjects) in kept {
            #expect(!subjects.isEmpty && subjects.allSatisfy { !policy.isSystem($0) }, "\(key)")
        }
        for binding in try package.items("C03a") + package.items("C03b") {
            let nonSystem = subjects(binding).filter { !policy.isSystem($0) }
            #expect(kept[CollectedPackage.key(binding)] ?? [] == nonSystem, "\(CollectedPackage.key(binding))")
        }
        #expect(kept.values.contains { $0.contains(RBACSubject(kind: "Group", name: "system:unauthenticated")) })
        #expect(kept.values.contains { $0.contains(RBACSubject(kind: "Group", name: "system:authenticated")) })
        #expect(!kept.values.contains { $0.contains(RBACSubject(kind: "Group", name: "system:masters")) })
        #expect(!kept.values.contains { $0.contains { $0.namespace == "kube-system" } })
    }

    @Test func podSecurityTextHasOneLinePerNamespace() async throws {
        let package = try await CollectedPackage.collect()
        let lines = String(decoding: try package.data("C05"), as: UTF8.self).split(separator: "\n")
        let namespaces = package.storeNames(kind: "Namespace")
        #expect(lines.map { String($0.split(separator: "\t")[0]) } == namespaces)
        for line in lines {
            let parts = line.split(separator: "\t", maxSplits: 1)
            #expect(parts.count == 2)
            #expect(try JSONSerialization.jsonObject(with: Data(parts[1].utf8)) is [String: Any])
        }
        #expect(lines.contains { $0.hasPrefix("kube-system\t") && $0.contains("pod-security.kubernetes.io/enforce") })
    }

    @Test func runningImagesComeFromPodStatus() async throws {
        let package = try await CollectedPackage.collect()
        let images = try #require(try package.json("C04")["images"] as? [[String: Any]])
        var expected = Set<String>()
        for data in package.store.objects(kind: "Pod") {
            let pod = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            for status in (pod["status"] as? [String: Any])?["containerStatuses"] as? [[String: Any]] ?? [] {
                expected.insert(status["image"] as? String ?? "")
            }
        }
        #expect(Set(images.compactMap { $0["image"] as? String }) == expected)
        #expect(images.contains { ($0["digest"] as? String)?.hasPrefix("sha256:") == true })
    }

    @Test func kubeBenchLogIsKeptRawAndSummarised() async throws {
        let package = try await CollectedPackage.collect()
        let raw = try package.data("C08")
        let served = try #require(package.store.allLogs.first { $0.key.namespace == "kube-bench" }?.value)
        #expect(raw == Data(served.utf8), "the log is stored exactly as the API returned it")
        let summary = try package.json("C08b")
        let expected = try KubeBenchReport.parse(raw).summary(section: "4")
        #expect(summary["fail"] as? Int == expected.fail)
        #expect(summary["failed_checks"] as? [String] == expected.failedChecks)
        #expect(expected.fail > 0)
        #expect(package.entry("C08")?.command.hasPrefix("kubectl logs -n kube-bench job/") == true)
    }

    @Test(.requires("openssl", install: "apt-get install openssl"))
    func certificatesAreParsedFromTheirPEM() async throws {
        let package = try await CollectedPackage.collect()
        let parsed = try #require(try package.json("C10c")["certificates"] as? [[String: Any]])
        let withPEM = try package.items("C10b").filter { ($0["status"] as? [String: Any])?["certificate"] != nil }
        #expect(parsed.count == withPEM.count)
        #expect(!parsed.isEmpty)
        let openssl = try #require(Tools.find("openssl"), "notAfter is cross-checked with openssl x509")
        for request in withPEM {
            let pem = try #require(
                ((request["status"] as? [String: Any])?["certificate"] as? String).flatMap { Data(base64Encoded: $0) }
            )
            let endDate = try Tools.run(openssl, ["x509", "-noout", "-enddate", "-dateopt", "iso_8601"], input: pem)
            let record = try #require(
                parsed.first {
                    $0["certificate_request"] as? String
                        == CollectedPackage.key(request).split(separator: "/").last.map(String.init)
                }
            )
            let notAfter = try #require(record["not_after"] as? String)
            // openssl prints notAfter=2031-01-01 00:00:00Z
            let expected = endDate.replacingOccurrences(of: "notAfter=", with: "").trimmingCharacters(
                in: .whitespacesAndNewlines
            )
            .replacingOccurrences(of: " ", with: "T")
            #expect(notAfter == expected)
        }
    }
}
