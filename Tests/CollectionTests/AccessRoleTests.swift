import AuditPackCore
import Foundation
import KubeEmulator
import TestSupport
import Testing
import Workflows
import Yams

@Suite("rbac: the generated ClusterRole is sufficient and minimal")
struct AccessRoleTests {
    /// The rules of `auditpack rbac --format json` for all controls.
    static func generatedRules(controls: Set<String>? = nil) throws -> [PolicyRule] {
        let json = try RbacWorkflow.render(controls: controls, format: .json)
        let role = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return (role["rules"] as? [[String: Any]] ?? []).map(PolicyRule.init)
    }

    @Test func everyRequestOfAFullCollectIsCoveredAndEveryRuleIsUsed() async throws {
        let package = try await CollectedPackage.collect()
        #expect(package.manifest.controls.filter { $0.status != .ok }.map(\.id) == ["C04c"], "all read")
        let requests = Set(package.requestLog.map { RequestAttributes(method: $0.method, path: $0.path) })
        let rules = try Self.generatedRules()

        let uncovered = requests.filter { request in !rules.contains { $0.allows(request) } }
        #expect(uncovered.isEmpty, "requests no rule allows: \(uncovered.map(\.description).sorted())")

        // Minimal: every verb on every resource (or URL) of every rule is what some request needed.
        for rule in rules {
            let used = requests.filter(rule.allows)
            #expect(!used.isEmpty, "rule \(rule) serves no request")
            for verb in rule.verbs {
                #expect(used.contains { $0.verb == verb }, "rule \(rule): verb \(verb) unused")
            }
            for resource in rule.resources where resource != "*" {
                #expect(
                    used.contains { request in
                        (request.subresource.map { "\(request.resource)/\($0)" } ?? request.resource) == resource
                    },
                    "rule \(rule): resource \(resource) unused"
                )
            }
            for url in rule.nonResourceURLs {
                let single = PolicyRule(["nonResourceURLs": [url], "verbs": rule.verbs])
                #expect(requests.contains(where: single.allows), "rule \(rule): URL \(url) unused")
            }
        }
    }

    @Test func theRoleIsReadOnly() throws {
        let rules = try Self.generatedRules()
        let verbs = Set(rules.flatMap(\.verbs))
        #expect(verbs == ["get", "list", "create"])
        for rule in rules where rule.verbs.contains("create") {
            #expect(rule.apiGroups.allSatisfy { $0 == "authorization.k8s.io" || $0 == "authentication.k8s.io" })
            #expect(rule.resources.allSatisfy { ["selfsubjectreviews", "selfsubjectaccessreviews"].contains($0) })
        }
        #expect(!rules.contains { $0.resources.contains("*") && $0.apiGroups != ["constraints.gatekeeper.sh"] })
        #expect(!rules.contains { $0.verbs.contains("*") || $0.apiGroups.contains("*") })
    }

    @Test func selectedControlsGetOnlyTheirRules() throws {
        let rules = try Self.generatedRules(controls: ["C01"])
        let resources = Set(rules.flatMap(\.resources))
        #expect(resources == ["networkpolicies", "namespaces", "selfsubjectreviews", "selfsubjectaccessreviews"])
    }

    /// Each control alone: its role allows every request its collection makes, and each rule is needed.
    @Test(arguments: ["C01", "C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09", "C10"])
    func eachControlsRoleIsSufficientAndMinimal(control: String) async throws {
        let rules = try Self.generatedRules(controls: [control])
        let package = try await CollectedPackage.collect(controls: [control])
        let requests = Set(package.requestLog.map { RequestAttributes(method: $0.method, path: $0.path) })
        let uncovered = requests.filter { request in !rules.contains { $0.allows(request) } }
        #expect(uncovered.isEmpty, "\(control): \(uncovered.map(\.description))")
        for rule in rules { #expect(requests.contains(where: rule.allows), "\(control): rule \(rule) unused") }
    }

    @Test func yamlCarriesACommentPerRuleNamingItsItems() throws {
        let yaml = try RbacWorkflow.render()
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let ruleStarts = lines.indices.filter { lines[$0].hasPrefix("  - ") }
        #expect(ruleStarts.count == (try Self.generatedRules()).count, "YAML and JSON have the same rules")
        for start in ruleStarts {
            #expect(lines[start - 1].hasPrefix("  # "), "rule at line \(start + 1) has a comment")
        }
        let secrets = try #require(ruleStarts.first { lines[$0 + 1].contains("\"secrets\"") })
        let comment = lines[..<secrets].reversed().prefix { $0.hasPrefix("  # ") }
        #expect(comment.contains { $0.contains("C06d") } && comment.contains { $0.contains("C06e") })
        // YAML and JSON say the same (parsed by Yams, not by the generator).
        let parsed = try #require(try Yams.load(yaml: yaml) as? [String: Any])
        let yamlRules = (parsed["rules"] as? [[String: Any]] ?? []).map(PolicyRule.init)
        #expect(yamlRules.map(\.description) == (try Self.generatedRules()).map(\.description))
    }

    @Test func namespaceAddsServiceAccountAndBinding() throws {
        let yaml = try RbacWorkflow.render(controls: ["C03"], namespace: "audit")
        let documents = try Array(Yams.load_all(yaml: yaml)).compactMap { $0 as? [String: Any] }
        #expect(documents.map { $0["kind"] as? String } == ["ClusterRole", "ServiceAccount", "ClusterRoleBinding"])
        let account = documents[1]["metadata"] as? [String: Any]
        #expect(account?["namespace"] as? String == "audit")
        let subjects = documents[2]["subjects"] as? [[String: Any]]
        #expect(subjects?.first?["namespace"] as? String == "audit")
        #expect((documents[2]["roleRef"] as? [String: Any])?["name"] as? String == "auditpack-reader")
        #expect(throws: AccessError.invalidNamespace("Bad_NS")) {
            try RbacWorkflow.render(namespace: "Bad_NS")
        }
        #expect(throws: AccessError.self) { try RbacWorkflow.render(controls: ["C42"]) }
    }
}
