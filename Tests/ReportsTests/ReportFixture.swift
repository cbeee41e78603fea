import AuditPackCore
import Evaluation
import Foundation
import Reports

/// A fixed manifest and findings, so report outputs can be compared byte for byte with golden files.
enum ReportFixture {
    static let catalog = try! Catalog.builtIn()

    static var manifest: Manifest {
        func entry(
            _ id: String,
            _ control: String,
            _ ms: Int,
            _ status: ItemStatus = .ok,
            note: String? = nil
        ) -> Manifest.Entry {
            let file = catalog.controls.flatMap(\.evidence).first { $0.id == id }?.file ?? "\(id).json"
            return Manifest.Entry(
                id: id,
                control: control,
                description: catalog.controls.flatMap(\.evidence).first { $0.id == id }?.description ?? id,
                file: file,
                collectedAt: "2026-03-19T10:00:00Z",
                elapsedMilliseconds: ms,
                sha256: String(repeating: "0", count: 64),
                size: 10,
                status: status,
                command: "kubectl get …",
                note: note
            )
        }
        let entries = [
            entry("C01", "C01", 312), entry("C01b", "C01", 40), entry("C02", "C02", 287),
            entry("C03a", "C03", 445), entry("C03b", "C03", 891),
            entry(
                "C06",
                "C06",
                178,
                .notInstalled,
                note: "externalsecrets.external-secrets.io is not served by this cluster"
            ),
            entry("C06d", "C06", 230), entry("C10", "C10", 188),
        ]
        return Manifest(
            packageID: "00000000-0000-0000-0000-000000000001",
            auditDate: "2026-03-19",
            run: .init(
                startedAt: "2026-03-19T10:00:00Z",
                finishedAt: "2026-03-19T10:00:01Z",
                wallMilliseconds: 950,
                itemMillisecondsSum: entries.reduce(0) { $0 + $1.elapsedMilliseconds },
                selectedControls: ["C01", "C02", "C03", "C06", "C10"]
            ),
            cluster: .init(
                server: "https://prod.example:6443",
                context: "prod",
                serverVersion: "v1.30.4",
                clusterID: "uid-1"
            ),
            collector: .init(username: "auditor", groups: [], host: "laptop"),
            controls: entries
        )
    }

    static var findings: FindingsDocument {
        FindingsDocument(
            evaluatedAt: Timestamp.parse("2026-03-19T10:00:00Z")!,
            controls: [
                ControlResult(
                    id: "C01",
                    findings: [
                        Finding(
                            rule: "C01.namespace-without-networkpolicy",
                            severity: .high,
                            object: ObjectRef(kind: "Namespace", name: "legacy"),
                            message: "Namespace legacy has no NetworkPolicy: every pod accepts traffic from anywhere."
                        )
                    ]
                ),
                ControlResult(id: "C02", findings: []),
                ControlResult(
                    id: "C03",
                    findings: [
                        Finding(
                            rule: "C03.cluster-admin-binding",
                            severity: .critical,
                            object: ObjectRef(kind: "ClusterRoleBinding", name: "alice-cluster-admin"),
                            message:
                                "User alice@example.com is bound to cluster-admin by ClusterRoleBinding alice-cluster-admin."
                        ),
                        Finding(
                            rule: "C03.default-serviceaccount-bound",
                            severity: .medium,
                            object: ObjectRef(kind: "RoleBinding", namespace: "legacy", name: "legacy-default-edit"),
                            message:
                                "The default ServiceAccount of legacy is bound to ClusterRole edit: every pod there gets it."
                        ),
                    ]
                ),
                ControlResult(
                    id: "C06",
                    findings: [
                        Finding(
                            rule: "C06.no-secret-store",
                            severity: .high,
                            object: ObjectRef(kind: "Cluster", name: "cluster"),
                            message: "No SecretStore or ClusterSecretStore exists (External Secrets is not installed)."
                        )
                    ]
                ),
                ControlResult(id: "C10", findings: []),
            ]
        )
    }

    static var policy: BacklogPolicy {
        var policy = BacklogPolicy()
        policy.owners = ["C03": "security-team"]
        policy.dueDates = ["C06": "2026-04-15"]
        return policy
    }

    static func report(framework: String? = "soc2") -> AuditReport {
        AuditReport(
            manifest: manifest,
            findings: findings,
            catalog: catalog,
            policy: policy,
            framework: try! framework.map { try catalog.framework(named: $0) }
        )
    }
}
