import Foundation
import KubeEmulator

extension GenerationRun {
    static let trivyAPI = "aquasecurity.github.io/v1alpha1"

    /// A trivy-operator VulnerabilityReport for one container of a ReplicaSet, named as trivy-operator names it
    /// (`replicaset-<name>-<container>`, or `replicaset-<hash>` when that exceeds 63 characters), with CVE entries
    /// reused from the sample cluster's reports. A few reports are stale (scanned in August).
    mutating func emitVulnerabilityReport(
        _ plan: NamespacePlan,
        replicaSet: (name: String, uid: String),
        container: String,
        image: ContainerImage,
        _ rng: inout SplitMix64
    ) throws {
        let fullName = "replicaset-\(replicaSet.name)-\(container)"
        var name = fullName
        if fullName.count > 63 {
            var hashed = SplitMix64(seed: SplitMix64.hash(fullName))
            name = "replicaset-\(hashed.suffix(10))"
        }
        let stale = rng.percent(5)
        let updated =
            stale
            ? GeneratedTime.random(in: GeneratedTime(day: 212)...GeneratedTime(day: 230), using: &rng)
            : GeneratedTime.snapshot.adding(seconds: -rng.below(20 * GeneratedTime.hour))
        let pool = material.vulnerabilities
        let picked = rng.sample(rng.below(5), of: pool.count).sorted().map { pool[$0] }
        var counts: [String: Int] = [:]
        for vulnerability in picked {
            counts[(vulnerability["severity"]?.stringValue ?? "UNKNOWN").lowercased(), default: 0] += 1
        }
        let summary: JSONValue = [
            "criticalCount": .int(counts["critical"] ?? 0), "highCount": .int(counts["high"] ?? 0),
            "lowCount": .int(counts["low"] ?? 0), "mediumCount": .int(counts["medium"] ?? 0), "noneCount": 0,
            "unknownCount": .int(counts["unknown"] ?? 0),
        ]
        let report: JSONValue = [
            "artifact": [
                "digest": .string(image.digest), "repository": .string(image.repository), "tag": .string(image.tag),
            ],
            "registry": ["server": .string(image.registry)],
            "scanner": ["name": "Trivy", "vendor": "Aqua Security", "version": stale ? "0.54.1" : "0.56.1"],
            "summary": summary, "updateTimestamp": .string(updated.text), "vulnerabilities": .array(picked),
        ]
        let labels = [
            "app.kubernetes.io/managed-by": "trivy-operator", "resource-spec-hash": rng.suffix(10),
            "trivy-operator.container.name": container, "trivy-operator.resource.kind": "ReplicaSet",
            "trivy-operator.resource.name": replicaSet.name, "trivy-operator.resource.namespace": plan.name,
        ]
        let annotations = stale ? [:] : ["trivy-operator.aquasecurity.github.io/report-ttl": "24h0m0s"]
        let owner = Self.owner(
            apiVersion: "apps/v1",
            kind: "ReplicaSet",
            name: replicaSet.name,
            uid: replicaSet.uid,
            block: false
        )
        try emit([
            "apiVersion": .string(Self.trivyAPI), "kind": "VulnerabilityReport",
            "metadata": metadata(
                name,
                namespace: plan.name,
                uid: rng.uuid(),
                created: updated,
                labels: labels,
                annotations: annotations,
                owner: owner,
                generation: 1,
                managedFields: [
                    ManagedFields.entry(
                        manager: "trivy-operator",
                        apiVersion: Self.trivyAPI,
                        time: updated,
                        fields: ["metadata": ["labels": .map(labels), "ownerReferences": [owner]], "report": .empty]
                    )
                ]
            ),
            "report": report,
        ])
    }
}
