import AuditPackCore
import ClusterGenerator
import Foundation
import KubeEmulator
import Packaging
import TestSupport
import Testing

@testable import Collection

/// Every secret value in the sample cluster carries the marker `PLANTED-SECRET`. None of them, in plain
/// or base64 form, may appear in any byte of any file of the package.
@Suite("collect: no secret value leaves the cluster")
struct SecretLeakTests {
    static let marker = "PLANTED-SECRET"

    /// Planted values: decoded Secret data, and literal values containing the marker anywhere in the store.
    static func plantedValues(_ store: ClusterStore) throws -> Set<String> {
        var values = Set<String>()
        for data in store.objects(kind: "Secret") {
            let secret = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            for (_, value) in secret["data"] as? [String: String] ?? [:] {
                let decoded = String(decoding: Data(base64Encoded: value) ?? Data(), as: UTF8.self)
                if !decoded.isEmpty { values.insert(decoded) }
            }
        }
        for kind in store.kinds {
            for data in store.objects(kind: kind) {
                let text = String(decoding: data, as: UTF8.self)
                var rest = Substring(text)
                while let range = rest.range(of: marker) {
                    // The JSON string around the marker.
                    let start =
                        rest[..<range.lowerBound].lastIndex(of: "\"").map { rest.index(after: $0) } ?? range.lowerBound
                    let end = rest[range.upperBound...].firstIndex(of: "\"") ?? range.upperBound
                    values.insert(String(rest[start..<end]))
                    rest = rest[end...]
                }
            }
        }
        return values
    }

    @Test func noPlantedValueAppearsInAnyFile() async throws {
        let package = try await CollectedPackage.collect()
        let planted = try Self.plantedValues(package.store)
        #expect(planted.count >= 10, "the sample cluster plants secrets: \(planted.count) found")
        let forms = planted.flatMap { [Data($0.utf8), Data($0.utf8).base64EncodedData()] } + [Data(Self.marker.utf8)]
        for name in package.reader.names {
            let bytes = try package.reader.data(name, limit: 256 << 20)
            for form in forms {
                #expect(bytes.range(of: form) == nil, "\(name) contains a secret value")
            }
        }
        let file = try #require(
            try FileManager.default.contentsOfDirectory(atPath: package.result.package.deletingLastPathComponent().path)
                .first { $0.hasSuffix(".zip") }
        )
        let zipBytes = try Data(
            contentsOf: package.result.package.deletingLastPathComponent().appendingPathComponent(file)
        )
        #expect(zipBytes.range(of: Data(Self.marker.utf8)) == nil, "not even in stored (uncompressed) form")
    }

    @Test func plaintextSecretsAreReportedByLocationOnly() async throws {
        let package = try await CollectedPackage.collect()
        let scan = try package.json("C06d")
        let findings = try #require(scan["findings"] as? [[String: Any]])
        let rules = Set(findings.compactMap { $0["rule"] as? String })
        #expect(
            rules.isSuperset(of: [
                "C06.literal-secret-env", "C06.configmap-secret-key", "C06.secret-in-last-applied-annotation",
            ])
        )
        for finding in findings {
            #expect((finding["fingerprint"] as? String)?.hasPrefix("hmac-sha256:") == true)
            #expect((finding["length"] as? Int ?? 0) > 0)
            #expect(finding["field"] as? String != nil)
        }
        let secrets = try package.items("C06e")
        #expect(!secrets.isEmpty)
        for secret in secrets {
            for (_, value) in secret["data"] as? [String: Any] ?? [:] {
                #expect(value as? String == "REDACTED")
            }
        }
    }
}

/// Issue 11's places, each with a distinct credential (`PlantedSecrets`): kube-apiserver flags, env and
/// annotations; Secret annotations and unclean last-applied copies; External Secrets and Kyverno fields;
/// webhook URLs; well-known formats under harmless names; ConfigMap config files and binaryData. The
/// binary-level test (AuditPackCLITests) also scans stdout, stderr and the working folder.
@Suite("collect: no credential planted in issue 11's places leaves the cluster")
struct PlantedCredentialLeakTests {
    @Test func noPlantedCredentialAppearsInThePackage() async throws {
        let package = try await CollectedPackage.collect(store: try PlantedSecrets.store())
        var leaks = PlantedSecrets.leaks(try Data(contentsOf: package.result.package), in: "the zip")
        for name in package.reader.names {
            leaks += PlantedSecrets.leaks(try package.reader.data(name, limit: 256 << 20), in: name)
        }
        #expect(leaks.isEmpty, "\(leaks.joined(separator: "\n"))")
        let findings = try #require(try package.json("C06d")["findings"] as? [[String: Any]])
        let detectors = Set(findings.compactMap { $0["detector"] as? String })
        #expect(
            detectors.isSuperset(of: SecretValueRules.names.map { "value:\($0)" }),
            "every value rule fires once: \(detectors.sorted())"
        )
        let rules = Set(findings.compactMap { $0["rule"] as? String })
        #expect(rules.isSuperset(of: ["C06.secret-in-arguments", "C06.credential-in-custom-resource"]))
    }
}

/// The same guarantee on a generated cluster, where most pods reference secrets (valueFrom) and a few
/// carry literal ones: the byte-level shortcut must still catch every literal.
@Suite("collect: no secret value leaves a generated cluster")
struct GeneratedSecretLeakTests {
    @Test func noPlantedValueAppearsInAnyFile() async throws {
        let store = try ClusterStore.generated(try GenerationSpec(parsing: "namespaces=40,seed=3"))
        let package = try await CollectedPackage.collect(store: store, controls: ["C04", "C06"])
        let marker = Data(SecretLeakTests.marker.utf8)
        for name in package.reader.names {
            #expect(try package.reader.data(name, limit: 256 << 20).range(of: marker) == nil, "\(name) leaks a secret")
        }
        let scan = try #require(try package.json("C06d")["findings"] as? [[String: Any]])
        #expect(scan.contains { $0["rule"] as? String == "C06.literal-secret-env" }, "the planted literals are found")
    }
}
