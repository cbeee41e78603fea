import AuditPackCore
import Evaluation
import Foundation
import KubeEmulator
import TestSupport
import Testing
import Workflows

/// The sample cluster's planted findings (Sources/KubeEmulator/SampleCluster/README.md) are all found,
/// evaluated at a fixed time so the result does not drift with the calendar.
@Suite("sample cluster: planted findings")
struct PlantedFindingsTests {
    static let at = Timestamp.parse("2026-11-01T00:00:00Z")!

    struct Key: Hashable, CustomStringConvertible {
        var rule: String
        var namespace: String?
        var name: String
        var description: String { "\(rule) \(namespace ?? "-")/\(name)" }
    }

    @Test func everyPlantedFindingIsFound() async throws {
        let package = try await CollectedPackage.collect()
        let outcome = try EvaluateWorkflow.run(package: package.result.package, at: Self.at)
        let results = Dictionary(uniqueKeysWithValues: outcome.findings.controls.map { ($0.id, $0) })
        let found = Set(
            outcome.findings.controls.flatMap(\.findings).map {
                Key(rule: $0.rule, namespace: $0.object.namespace, name: $0.object.name)
            }
        )
        let planted: [Key] = [
            Key(rule: "C01.namespace-without-networkpolicy", namespace: nil, name: "legacy"),
            Key(rule: "C01.namespace-without-networkpolicy", namespace: nil, name: "default"),
            Key(rule: "C01.no-default-deny-ingress", namespace: nil, name: "frontend"),
            Key(rule: "C01.no-default-deny-egress", namespace: nil, name: "data-pipeline"),
            Key(rule: "C03.cluster-admin-binding", namespace: nil, name: "ci-deployer-cluster-admin"),
            Key(rule: "C03.cluster-admin-binding", namespace: nil, name: "alice-cluster-admin"),
            Key(rule: "C03.anonymous-access", namespace: nil, name: "unauthenticated-view"),
            // ops-wildcard's "*" on apps: Group developers can create workloads cluster-wide.
            Key(rule: "C03.can-create-workloads", namespace: nil, name: "developers"),
            // legacy-wildcard is */*/* in legacy: namespace admin for the default ServiceAccount.
            Key(rule: "C03.cluster-admin-binding", namespace: "legacy", name: "legacy-default-wildcard"),
            // edit and admin through RoleBindings: Secrets, exec, workloads in their namespace.
            Key(rule: "C03.can-read-secrets", namespace: nil, name: "oidc:payments-oncall"),
            Key(rule: "C03.can-exec-into-pods", namespace: "legacy", name: "legacy-ci"),
            Key(rule: "C03.default-serviceaccount-bound", namespace: "legacy", name: "legacy-default-secret-reader"),
            Key(rule: "C05.privileged-namespace", namespace: nil, name: "data-pipeline"),
            Key(rule: "C05.namespace-without-enforce", namespace: nil, name: "legacy"),
            Key(rule: "C05.namespace-without-enforce", namespace: nil, name: "trivy-system"),
            Key(rule: "C06.externalsecret-not-ready", namespace: "data-pipeline", name: "warehouse-credentials"),
            Key(rule: "C06.secret-in-last-applied-annotation", namespace: "legacy", name: "legacy-app-secrets"),
            Key(rule: "C06.configmap-secret-key", namespace: "legacy", name: "legacy-portal-config"),
            Key(rule: "C08.kube-bench-fail", namespace: nil, name: "4.2.6"),
            Key(rule: "C10.certificate-expired", namespace: "legacy", name: "legacy-portal-tls"),
            Key(rule: "C10.certificate-not-ready", namespace: "checkout", name: "checkout-web-tls"),
            Key(rule: "C10.notafter-mismatch", namespace: "frontend", name: "frontend-tls"),
        ]
        let missing = planted.filter { !found.contains($0) }
        #expect(missing.isEmpty, "planted but not found: \(missing)")
        #expect(results["C02"]?.verdict == .pass)
        #expect(results["C07"]?.verdict == .pass)
        #expect(
            found.filter { $0.rule == "C08.kube-bench-fail" }.map(\.name).sorted()
                == ["4.1.1", "4.1.10", "4.1.2", "4.1.5", "4.1.9", "4.2.1", "4.2.2", "4.2.3", "4.2.6", "4.2.7"]
        )
        let unscanned = Set(found.filter { $0.rule == "C04.image-not-scanned" }.map(\.name))
        #expect(unscanned.contains { $0.contains("nginx:1.19") } && unscanned.contains { $0.contains("busybox:1.36") })
        #expect(unscanned.count == 2, "only the two planted images lack a scan: \(unscanned)")
        #expect(found.contains { $0.rule == "C04.critical-vulnerabilities" })
        #expect(found.contains { $0.rule == "C09.webhook-fails-open" })
        #expect(
            !found.contains { $0.name.hasPrefix("kubeadm:") || $0.name.hasPrefix("system:") },
            "platform defaults are not findings"
        )
    }
}
