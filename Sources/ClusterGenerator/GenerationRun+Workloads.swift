import Foundation
import KubeEmulator

extension GenerationRun {
    /// One app: its Deployment, the current ReplicaSet, the pods and (for most apps) the VulnerabilityReports.
    mutating func emitWorkload(_ app: NamespacePlan.App, _ plan: NamespacePlan, _ rng: inout SplitMix64) throws {
        let template = podTemplate(app, plan, &rng)
        let revision = 1 + rng.below(4)
        let deploymentUID = rng.uuid()
        let replicaSetUID = rng.uuid()
        let replicaSetName = "\(app.name)-\(app.templateHash)"
        let latest = GeneratedTime.snapshot.adding(seconds: -2 * GeneratedTime.day)
        let replicaSetCreated = min(
            app.created.adding(seconds: (revision - 1) * rng.int(in: 1...10) * GeneratedTime.day),
            latest
        )
        let podsCreated = max(
            replicaSetCreated.adding(seconds: 5),
            GeneratedTime.reboot.adding(seconds: rng.below(2 * GeneratedTime.hour))
        )
        let states = (0..<app.replicas).map { _ in PodState.random(&rng) }
        let ready = states.filter { $0 == .running }.count
        try emitDeployment(
            app,
            plan,
            template,
            uid: deploymentUID,
            revision: revision,
            ready: ready,
            rsCreated: replicaSetCreated
        )
        try emitReplicaSet(
            app,
            plan,
            template,
            name: replicaSetName,
            uid: replicaSetUID,
            deploymentUID: deploymentUID,
            revision: revision,
            ready: ready,
            created: replicaSetCreated
        )
        var podNames: Set<String> = []
        for state in states {
            var name = "\(replicaSetName)-\(rng.suffix(5))"
            while !podNames.insert(name).inserted { name = "\(replicaSetName)-\(rng.suffix(5))" }
            try emitPod(
                name: name,
                app,
                plan,
                template,
                replicaSet: (replicaSetName, replicaSetUID),
                state: state,
                created: podsCreated.adding(seconds: rng.below(30)),
                &rng
            )
        }
        if app.scanned {
            for (container, image) in template.images {
                try emitVulnerabilityReport(
                    plan,
                    replicaSet: (replicaSetName, replicaSetUID),
                    container: container,
                    image: image,
                    &rng
                )
            }
        }
    }

    private mutating func emitDeployment(
        _ app: NamespacePlan.App,
        _ plan: NamespacePlan,
        _ template: PodTemplate,
        uid: String,
        revision: Int,
        ready: Int,
        rsCreated: GeneratedTime
    ) throws {
        var templateMetadata: JSONValue = ["creationTimestamp": .null, "labels": .map(template.labels)]
        if !template.annotations.isEmpty { templateMetadata["annotations"] = .map(template.annotations) }
        let selector: JSONValue = ["matchLabels": ["app": .string(app.name)]]
        let specification: JSONValue = [
            "progressDeadlineSeconds": 600, "replicas": .int(app.replicas), "revisionHistoryLimit": 10,
            "selector": selector,
            "strategy": ["rollingUpdate": ["maxSurge": "25%", "maxUnavailable": "25%"], "type": "RollingUpdate"],
            "template": ["metadata": templateMetadata, "spec": template.spec],
        ]
        var labels = template.labels
        labels["app.kubernetes.io/version"] = app.image.tag
        var annotations = ["deployment.kubernetes.io/revision": String(revision)]
        var userAnnotations: [String: String] = [:]
        if app.kubectlApplied {
            let containers = template.containers.map { container -> JSONValue in
                var container = container
                for key in ["imagePullPolicy", "terminationMessagePath", "terminationMessagePolicy"] {
                    container[key] = nil
                }
                return container
            }
            var appliedSpec: JSONValue = ["containers": .array(containers), "serviceAccountName": .string(app.name)]
            if let security = template.spec["securityContext"], security.members?.isEmpty == false {
                appliedSpec["securityContext"] = security
            }
            let applied = Self.lastApplied([
                "apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": [
                    "annotations": .empty, "labels": .map(labels), "name": .string(app.name),
                    "namespace": .string(plan.name),
                ],
                "spec": [
                    "replicas": .int(app.replicas), "selector": selector,
                    "template": ["metadata": ["labels": .map(template.labels)], "spec": appliedSpec],
                ],
            ])
            annotations[Self.lastAppliedKey] = applied
            userAnnotations[Self.lastAppliedKey] = applied
        }
        let available = rsCreated.adding(seconds: 40)
        var status: JSONValue = [
            "availableReplicas": .int(ready), "observedGeneration": .int(revision), "readyReplicas": .int(ready),
            "replicas": .int(app.replicas), "updatedReplicas": .int(app.replicas),
            "conditions": [
                [
                    "lastTransitionTime": .string(available.text), "lastUpdateTime": .string(available.text),
                    "message": "Deployment has minimum availability.", "reason": "MinimumReplicasAvailable",
                    "status": "True", "type": "Available",
                ],
                [
                    "lastTransitionTime": .string(app.created.text), "lastUpdateTime": .string(available.text),
                    "message": .string("ReplicaSet \"\(app.name)-\(app.templateHash)\" has successfully progressed."),
                    "reason": "NewReplicaSetAvailable", "status": "True", "type": "Progressing",
                ],
            ],
        ]
        if ready < app.replicas { status["unavailableReplicas"] = .int(app.replicas - ready) }
        let managed = [
            ManagedFields.entry(
                manager: app.kubectlApplied ? "kubectl-client-side-apply" : "argocd-controller",
                apiVersion: "apps/v1",
                time: app.created,
                fields: [
                    "metadata": ["annotations": .map(userAnnotations), "labels": .map(labels)],
                    "spec": specification,
                ]
            ),
            ManagedFields.entry(
                manager: "kube-controller-manager",
                apiVersion: "apps/v1",
                time: available,
                subresource: "status",
                fields: ["metadata": ["annotations": ["deployment.kubernetes.io/revision": ""]], "status": status]
            ),
        ]
        try emit([
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": metadata(
                app.name,
                namespace: plan.name,
                uid: uid,
                created: app.created,
                labels: labels,
                annotations: annotations,
                generation: revision,
                managedFields: managed
            ),
            "spec": specification,
            "status": status,
        ])
    }

    private mutating func emitReplicaSet(
        _ app: NamespacePlan.App,
        _ plan: NamespacePlan,
        _ template: PodTemplate,
        name: String,
        uid: String,
        deploymentUID: String,
        revision: Int,
        ready: Int,
        created: GeneratedTime
    ) throws {
        var labels = template.labels
        labels["pod-template-hash"] = app.templateHash
        var templateMetadata: JSONValue = ["creationTimestamp": .null, "labels": .map(labels)]
        if !template.annotations.isEmpty { templateMetadata["annotations"] = .map(template.annotations) }
        let annotations = [
            "deployment.kubernetes.io/desired-replicas": String(app.replicas),
            "deployment.kubernetes.io/max-replicas": String(app.replicas + (app.replicas + 3) / 4),
            "deployment.kubernetes.io/revision": String(revision),
        ]
        let specification: JSONValue = [
            "replicas": .int(app.replicas),
            "selector": [
                "matchLabels": ["app": .string(app.name), "pod-template-hash": .string(app.templateHash)]
            ],
            "template": ["metadata": templateMetadata, "spec": template.spec],
        ]
        let status: JSONValue = [
            "availableReplicas": .int(ready), "fullyLabeledReplicas": .int(app.replicas), "observedGeneration": 1,
            "readyReplicas": .int(ready), "replicas": .int(app.replicas),
        ]
        let owner = Self.owner(apiVersion: "apps/v1", kind: "Deployment", name: app.name, uid: deploymentUID)
        let managed = [
            ManagedFields.entry(
                manager: "kube-controller-manager",
                apiVersion: "apps/v1",
                time: created,
                fields: [
                    "metadata": ["annotations": .map(annotations), "labels": .map(labels), "ownerReferences": [owner]],
                    "spec": specification,
                ]
            ),
            ManagedFields.entry(
                manager: "kube-controller-manager",
                apiVersion: "apps/v1",
                time: created.adding(seconds: 40),
                subresource: "status",
                fields: ["status": status]
            ),
        ]
        try emit([
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": metadata(
                name,
                namespace: plan.name,
                uid: uid,
                created: created,
                labels: labels,
                annotations: annotations,
                owner: owner,
                generation: 1,
                managedFields: managed
            ),
            "spec": specification,
            "status": status,
        ])
    }
}
