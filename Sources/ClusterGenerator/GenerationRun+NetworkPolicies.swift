import Foundation
import KubeEmulator

extension GenerationRun {
    /// `networkpolicies-per-ns` NetworkPolicies. The first is a default deny in most namespaces (Ingress+Egress
    /// in about 70%, Ingress only in 10%); the rest of the namespaces start with a plain allow (no default deny).
    /// Then DNS egress, then per-app ingress allows.
    mutating func emitNetworkPolicies(_ plan: NamespacePlan, _ rng: inout SplitMix64) throws {
        let everything = JSONValue.empty
        for position in 0..<spec.networkPoliciesPerNamespace {
            let name: String
            var policy: JSONValue
            let appPosition = position - 2
            if position == 0 {
                let roll = rng.below(100)
                if roll < 70 {
                    name = "default-deny-all"
                    policy = ["podSelector": everything, "policyTypes": ["Ingress", "Egress"]]
                } else if roll < 80 {
                    name = "default-deny-ingress"
                    policy = ["podSelector": everything, "policyTypes": ["Ingress"]]
                } else {
                    name = "allow-http-ingress"
                    policy = [
                        "ingress": [
                            ["from": [["ipBlock": ["cidr": "0.0.0.0/0"]]], "ports": [Self.port(8080)]]
                        ],
                        "podSelector": everything, "policyTypes": ["Ingress"],
                    ]
                }
            } else if position == 1 {
                name = "allow-dns-egress"
                policy = [
                    "egress": [
                        [
                            "ports": [Self.port(53, "UDP"), Self.port(53)],
                            "to": [
                                [
                                    "namespaceSelector": [
                                        "matchLabels": ["kubernetes.io/metadata.name": "kube-system"]
                                    ],
                                    "podSelector": ["matchLabels": ["k8s-app": "kube-dns"]],
                                ]
                            ],
                        ]
                    ],
                    "podSelector": everything, "policyTypes": ["Egress"],
                ]
            } else if appPosition < plan.apps.count {
                let app = plan.apps[appPosition]
                name = "allow-\(app.name)-ingress"
                var peers: [JSONValue] = [
                    [
                        "namespaceSelector": ["matchLabels": ["kubernetes.io/metadata.name": "ingress-nginx"]]
                    ]
                ]
                if let other = plan.apps.first(where: { $0.name != app.name }) {
                    peers.append(["podSelector": ["matchLabels": ["app": .string(other.name)]]])
                }
                policy = [
                    "ingress": [["from": .array(peers), "ports": [Self.port(8080)]]],
                    "podSelector": ["matchLabels": ["app": .string(app.name)]], "policyTypes": ["Ingress"],
                ]
            } else {
                name = "allow-monitoring-\(NamespacePlan.pad(position + 1, 3))"
                policy = [
                    "ingress": [
                        [
                            "from": [
                                ["namespaceSelector": ["matchLabels": ["kubernetes.io/metadata.name": "monitoring"]]]
                            ],
                            "ports": [Self.port(9090 + position % 10)],
                        ]
                    ],
                    "podSelector": everything, "policyTypes": ["Ingress"],
                ]
            }
            let created = plan.created.adding(seconds: 120 + position * 3)
            try emit([
                "apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                "metadata": metadata(
                    name,
                    namespace: plan.name,
                    uid: rng.uuid(),
                    created: created,
                    labels: ["app.kubernetes.io/managed-by": "argocd"],
                    generation: 1,
                    managedFields: [
                        ManagedFields.entry(
                            manager: "argocd-controller",
                            apiVersion: "networking.k8s.io/v1",
                            time: created,
                            fields: ["spec": policy]
                        )
                    ]
                ),
                "spec": policy,
            ])
        }
    }

    private static func port(_ number: Int, _ proto: String = "TCP") -> JSONValue {
        ["port": .int(number), "protocol": .string(proto)]
    }
}
