import AuditPackCore
import Foundation
import TestSupport
import Testing
import Workflows
import Yams

@Suite("deploy/: the kustomize base renders offline and carries the generated role")
struct DeployTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let deploy = repository.appendingPathComponent("deploy")

    @Test func rbacFileIsExactlyWhatAuditpackRbacPrints() throws {
        let file = try String(contentsOf: Self.deploy.appendingPathComponent("rbac.yaml"), encoding: .utf8)
        let generated = try RbacWorkflow.render(namespace: "auditpack")
        #expect(file == generated, "regenerate: auditpack rbac --namespace auditpack > deploy/rbac.yaml")
    }

    /// `kubectl kustomize DIR`, parsed: kind/name → object.
    static func render(_ folder: URL) throws -> [String: [String: Any]] {
        let kubectl = try #require(Tools.find("kubectl"), "kubectl renders the kustomization offline")
        let yaml = try Tools.run(kubectl, ["kustomize", folder.path])
        var objects: [String: [String: Any]] = [:]
        for case let object as [String: Any] in try Yams.load_all(yaml: yaml) {
            let name = (object["metadata"] as? [String: Any])?["name"] as? String ?? ""
            objects["\(object["kind"] as? String ?? "")/\(name)"] = object
        }
        return objects
    }

    @Test(.requires("kubectl", install: "see .ci/run"))
    func baseRendersTheHardenedDailyCronJob() throws {
        let objects = try Self.render(Self.deploy)
        #expect(
            Set(objects.keys.map { String($0.split(separator: "/")[0]) })
                == ["Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "CronJob", "ConfigMap"]
        )
        let role = try #require(objects["ClusterRole/auditpack-reader"])
        let generated = try #require(
            try JSONSerialization.jsonObject(with: Data(try RbacWorkflow.render(format: .json).utf8)) as? [String: Any]
        )
        #expect(
            (role["rules"] as? [[String: Any]] ?? []).map { PolicyRule($0).description }
                == (generated["rules"] as? [[String: Any]] ?? []).map { PolicyRule($0).description }
        )

        let cronJob = try #require(objects["CronJob/auditpack"])
        let spec = try #require(cronJob["spec"] as? [String: Any])
        #expect(spec["concurrencyPolicy"] as? String == "Forbid")
        let schedule = try #require(spec["schedule"] as? String)
        #expect(schedule.split(separator: " ").suffix(3) == ["*", "*", "*"], "daily")
        let job = try #require((spec["jobTemplate"] as? [String: Any])?["spec"] as? [String: Any])
        let pod = try #require((job["template"] as? [String: Any])?["spec"] as? [String: Any])
        #expect(pod["automountServiceAccountToken"] as? Bool == true)
        #expect(pod["serviceAccountName"] as? String == "auditpack")
        let podSecurity = try #require(pod["securityContext"] as? [String: Any])
        #expect(podSecurity["runAsNonRoot"] as? Bool == true)
        #expect((podSecurity["runAsUser"] as? Int ?? 0) > 0)
        #expect((podSecurity["seccompProfile"] as? [String: Any])?["type"] as? String == "RuntimeDefault")
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        let security = try #require(container["securityContext"] as? [String: Any])
        #expect(security["readOnlyRootFilesystem"] as? Bool == true)
        #expect(security["allowPrivilegeEscalation"] as? Bool == false)
        #expect((security["capabilities"] as? [String: Any])?["drop"] as? [String] == ["ALL"])
        let resources = try #require(container["resources"] as? [String: Any])
        #expect((resources["requests"] as? [String: Any])?["memory"] as? String == "192Mi")
        #expect((resources["limits"] as? [String: Any])?["memory"] as? String == "512Mi")
        let args = container["args"] as? [String] ?? []
        #expect(args.first == "collect")
        #expect(args.contains("--upload=$(AUDITPACK_UPLOAD)"))
        #expect(args.contains { $0.hasPrefix("--signing-key=/etc/auditpack/signing/") })
        let mounts = container["volumeMounts"] as? [[String: Any]] ?? []
        #expect(
            mounts.contains {
                $0["mountPath"] as? String == "/etc/auditpack/signing" && $0["readOnly"] as? Bool == true
            }
        )
        #expect(
            mounts.contains { $0["mountPath"] as? String == "/tmp" },
            "a writable work folder under a read-only root"
        )
        let volumes = pod["volumes"] as? [[String: Any]] ?? []
        #expect(
            volumes.contains { ($0["secret"] as? [String: Any])?["secretName"] as? String == "auditpack-signing-key" }
        )
        let configMap = try #require(objects.first { $0.key.hasPrefix("ConfigMap/auditpack-upload") }?.value)
        #expect((configMap["data"] as? [String: Any])?["AUDITPACK_UPLOAD"] as? String != nil)
        #expect(objects["CronJob/kube-bench"] == nil, "kube-bench is an optional component")
    }

    /// kustomize takes bases and components only as relative paths.
    static func relative(_ target: URL, from folder: URL) -> String {
        let from = folder.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let to = target.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let shared = zip(from, to).prefix { $0 == $1 }.count
        return (Array(repeating: "..", count: from.count - shared) + to[shared...]).joined(separator: "/")
    }

    @Test(.requires("kubectl", install: "see .ci/run"))
    func kubeBenchComponentRunsShortlyBefore() throws {
        let folder = TestFolder()
        try folder.write(
            "kustomization.yaml",
            """
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources: [\(Self.relative(Self.deploy, from: folder.url))]
            components: [\(Self.relative(Self.deploy.appendingPathComponent("components/kube-bench"), from: folder.url))]
            """
        )
        let objects = try Self.render(folder.url)
        let bench = try #require(objects["CronJob/kube-bench"])
        let auditpack = try #require(objects["CronJob/auditpack"])
        func minutes(_ cronJob: [String: Any]) -> Int? {
            let fields = ((cronJob["spec"] as? [String: Any])?["schedule"] as? String ?? "").split(separator: " ")
            guard fields.count == 5, let minute = Int(fields[0]), let hour = Int(fields[1]) else { return nil }
            return hour * 60 + minute
        }
        let before = try #require(minutes(auditpack)) - (try #require(minutes(bench)))
        #expect((1...120).contains(before), "kube-bench runs \(before) minutes before")
        let spec = (bench["spec"] as? [String: Any])?["jobTemplate"] as? [String: Any]
        let pod = ((spec?["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any]
        let image = (pod?["containers"] as? [[String: Any]])?.first?["image"] as? String ?? ""
        #expect(image.hasPrefix("docker.io/aquasec/kube-bench:v"), "pinned: \(image)")
        #expect(pod?["hostPID"] as? Bool == true, "upstream's job spec")
        let namespace = try #require(objects["Namespace/auditpack"])
        let labels = (namespace["metadata"] as? [String: Any])?["labels"] as? [String: Any]
        #expect(labels?["pod-security.kubernetes.io/enforce"] as? String == "privileged")
    }
}
