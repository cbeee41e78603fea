import Foundation
import KubeEmulator

extension GenerationRun {
    /// Per-team copies of the sample's Kyverno ClusterPolicies (one per 20 namespaces), each limited to the
    /// team's namespaces; about a third enforce where the original only audits.
    mutating func emitClusterPolicies() throws {
        var rng = SplitMix64(seed: spec.seed, stream: -3, purpose: 1)
        let templates = material.clusterPolicies
        for position in 0..<spec.clusterPolicies {
            let template = templates[position % templates.count]
            let plan = NamespacePlan(index: rng.below(spec.namespaces), spec: spec)
            let baseName = template["metadata"]?["name"]?.stringValue ?? "policy"
            var specification = template["spec"] ?? .empty
            if specification["validationFailureAction"] != nil {
                specification["validationFailureAction"] = rng.percent(35) ? "Enforce" : "Audit"
            }
            if let rules = specification["rules"]?.arrayValue {
                specification["rules"] = .array(rules.map { Self.limited($0, to: plan.team) })
            }
            var labels: [String: String] = [:]
            for member in template["metadata"]?["labels"]?.members ?? [] {
                labels[member.key] = member.value.stringValue
            }
            labels["acme.example/team"] = plan.team
            var annotations: [String: String] = [:]
            for member in template["metadata"]?["annotations"]?.members ?? [] {
                annotations[member.key] = member.value.stringValue
            }
            let created = GeneratedTime.random(in: plan.created...GeneratedTime.reboot, using: &rng)
            var status = template["status"] ?? .empty
            if let conditions = status["conditions"]?.arrayValue {
                status["conditions"] = .array(
                    conditions.map { condition in
                        var condition = condition
                        condition["lastTransitionTime"] = .string(created.adding(seconds: 2).text)
                        return condition
                    }
                )
            }
            try emit([
                "apiVersion": "kyverno.io/v1", "kind": "ClusterPolicy",
                "metadata": metadata(
                    "\(baseName)-\(plan.team)-\(NamespacePlan.pad(position + 1, 4))",
                    uid: rng.uuid(),
                    created: created,
                    labels: labels,
                    annotations: annotations,
                    generation: 1,
                    managedFields: [
                        ManagedFields.entry(
                            manager: "argocd-controller",
                            apiVersion: "kyverno.io/v1",
                            time: created,
                            fields: [
                                "metadata": ["annotations": .map(annotations), "labels": .map(labels)],
                                "spec": specification,
                            ]
                        ),
                        ManagedFields.entry(
                            manager: "kyverno",
                            apiVersion: "kyverno.io/v1",
                            time: created.adding(seconds: 2),
                            subresource: "status",
                            fields: ["status": status]
                        ),
                    ]
                ),
                "spec": specification,
                "status": status,
            ])
        }
    }

    /// `rule` with a namespace selector for `team` added to each of its `match.any` resource clauses.
    private static func limited(_ rule: JSONValue, to team: String) -> JSONValue {
        guard var match = rule["match"], let clauses = match["any"]?.arrayValue else { return rule }
        match["any"] = .array(
            clauses.map { clause in
                var clause = clause
                var resources = clause["resources"] ?? .empty
                resources["namespaceSelector"] = ["matchLabels": ["team": .string(team)]]
                clause["resources"] = resources
                return clause
            }
        )
        var rule = rule
        rule["match"] = match
        return rule
    }
}
