import AuditPackCore
import Evaluation
import Foundation
import Reports
import TestSupport
import Testing
import Workflows

/// C03f on the sample cluster: it answers "who can read Secrets / exec into pods / escalate", agrees with the
/// C03 findings (both come from the same resolver), and view/edit/admin are not flagged for Kyverno's
/// read-only `resources: ["*"]` aggregation.
@Suite("sample cluster: effective permissions (C03f)")
struct EffectivePermissionsEvidenceTests {
    static let at = Timestamp.parse("2026-11-01T00:00:00Z")!

    static func subjects(_ package: CollectedPackage) throws -> [EffectivePermissions.Subject] {
        try package.items("C03f").filter { $0["kind"] as? String == "SubjectPermissions" }.map {
            try JSONDecoder().decode(
                EffectivePermissions.Subject.self,
                from: JSONSerialization.data(withJSONObject: $0)
            )
        }
    }

    /// `Kind namespace/name` of the subjects holding `permission` (any scope).
    static func who(_ subjects: [EffectivePermissions.Subject], _ permission: RBACPermission) -> Set<String> {
        Set(subjects.filter { $0.permissions.contains { $0.permission == permission } }.map(\.subject.description))
    }

    @Test func answersWhoCanReadSecretsExecAndEscalate() async throws {
        let package = try await CollectedPackage.collect()
        #expect(package.entry("C03f")?.derivedFrom == ["C03a", "C03b", "C03c", "C03d"])
        let subjects = try Self.subjects(package)
        let secrets = Self.who(subjects, .readSecrets)
        // Planted: cluster-admins, the legacy default ServiceAccount (secret-reader and a */*/* Role), and edit
        // and admin holders in their namespaces.
        for expected in [
            "User alice@example.com", "ServiceAccount default/ci-deployer", "ServiceAccount legacy/default",
            "Group oidc:payments-oncall", "User bob@example.com", "Group oidc:data-eng",
        ] {
            #expect(secrets.contains(expected), "\(expected) can read Secrets")
        }
        // view holders cannot, although view aggregates Kyverno's kyverno.io "*" read.
        for viewer in ["Group oidc:sre", "Group oidc:payments-devs", "Group system:unauthenticated"] {
            #expect(!secrets.contains(viewer))
            #expect(!subjects.contains { $0.subject.description == viewer }, "\(viewer) holds nothing that matters")
        }
        let exec = Self.who(subjects, .execIntoPods)
        #expect(exec.contains("Group oidc:checkout-oncall") && exec.contains("ServiceAccount legacy/legacy-ci"))
        #expect(!exec.contains("Group developers"), "ops-wildcard reads pods but has no pods/exec")
        let escalate = Self.who(subjects, .escalate)
        #expect(escalate.contains("User alice@example.com"))
        #expect(!escalate.contains("Group oidc:data-eng"), "admin writes roles but cannot escalate or bind")
        #expect(Self.who(subjects, .createWorkloads).contains("Group developers"))
        // No system component appears.
        #expect(!subjects.contains { $0.who == .system })
        #expect(!subjects.contains { $0.subject.namespace == "kube-system" || $0.subject.name.hasPrefix("kubeadm:") })
    }

    @Test func findingsAndTheDerivedItemAgree() async throws {
        let package = try await CollectedPackage.collect()
        let subjects = try Self.subjects(package)
        let outcome = try EvaluateWorkflow.run(package: package.result.package, at: Self.at)
        let c03 = try #require(outcome.findings.controls.first { $0.id == "C03" })
        let permissionRules = Set(RBACPermission.allCases.filter { $0 != .clusterAdmin }.map(\.rule))
        // Every permission finding is a C03f entry of the same subject and rule …
        let findings = Set(
            c03.findings.filter { permissionRules.contains($0.rule) }.map {
                "\($0.rule) \($0.object.kind) \($0.object.namespace.map { "\($0)/" } ?? "")\($0.object.name)"
            }
        )
        let entries = Set(
            subjects.flatMap { subject in
                subject.permissions.filter { $0.permission != .clusterAdmin }.map {
                    "\($0.rule) \(subject.subject.description)"
                }
            }
        )
        #expect(!findings.isEmpty)
        #expect(findings.isSubset(of: entries), "\(findings.subtracting(entries))")
        // … and every C03f entry is a finding, unless the subject holds cluster-admin in that scope.
        for subject in subjects {
            let admin = Set(subject.permissions.filter { $0.permission == .clusterAdmin }.map(\.namespace))
            for entry in subject.permissions where entry.permission != .clusterAdmin {
                if admin.contains(nil) || admin.contains(entry.namespace) { continue }
                #expect(findings.contains("\(entry.rule) \(subject.subject.description)"))
            }
        }
        // view, edit and admin are never reported for Kyverno's read-only aggregation: no finding is granted
        // by view alone, and the old "*" rule id is gone.
        #expect(!c03.findings.contains { $0.rule == "C03.wildcard-role-binding" })
        #expect(!c03.findings.contains { $0.message.contains("→ ClusterRole view.") && !$0.message.contains(";") })
        #expect(!c03.findings.contains { $0.object.name == "oidc:sre" || $0.object.name == "oidc:payments-devs" })
    }

    @Test func theHTMLReportShowsEffectivePermissions() async throws {
        let package = try await CollectedPackage.collect()
        let html = try ReportWorkflow.run(
            package: package.result.package,
            format: .html,
            policyFile: nil,
            framework: nil
        )
        #expect(html.contains("<h2>Effective permissions</h2>"))
        #expect(html.contains("Who can read Secrets"))
        #expect(html.contains("ServiceAccount legacy/default"))
        #expect(html.contains("RoleBinding legacy/legacy-default-secret-reader → ClusterRole secret-reader"))
        #expect(!html.contains("<script"))
    }
}
