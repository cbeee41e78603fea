import Foundation
import KubeEmulator

extension GenerationRun {
    /// How a generated pod is doing: most run; a few crash-loop or cannot pull their image.
    enum PodState {
        case running
        case crashLooping
        case imagePullBackOff

        static func random(_ rng: inout SplitMix64) -> PodState {
            switch rng.below(100) {
            case ..<96: return .running
            case ..<98: return .crashLooping
            default: return .imagePullBackOff
            }
        }
    }

    /// Worker nodes of the sample cluster and their addresses.
    static let workers = [("worker-1", "10.0.1.21"), ("worker-2", "10.0.1.22")]

    mutating func emitPod(
        name: String,
        _ app: NamespacePlan.App,
        _ plan: NamespacePlan,
        _ template: PodTemplate,
        replicaSet: (name: String, uid: String),
        state: PodState,
        created: GeneratedTime,
        _ rng: inout SplitMix64
    ) throws {
        let (node, hostIP) = Self.workers[podCount % Self.workers.count]
        let podIP = "192.168.\(1 + podCount / 254 % 255).\(1 + podCount % 254)"
        podCount += 1
        var labels = template.labels
        labels["pod-template-hash"] = app.templateHash
        var spec = template.spec
        var containers = template.containers
        var initContainers = template.initContainers
        var volumes = spec["volumes"]?.arrayValue ?? []
        if app.automountToken {
            let volume = "kube-api-access-\(rng.suffix(5))"
            let mount: JSONValue = [
                "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": .string(volume),
                "readOnly": true,
            ]
            containers = containers.map { Self.adding(mount, to: $0) }
            initContainers = initContainers.map { Self.adding(mount, to: $0) }
            volumes.append(Self.tokenVolume(volume))
        }
        spec["containers"] = .array(containers)
        if !initContainers.isEmpty { spec["initContainers"] = .array(initContainers) }
        spec["volumes"] = .array(volumes)
        spec["nodeName"] = .string(node)
        spec["enableServiceLinks"] = true
        spec["preemptionPolicy"] = "PreemptLowerPriority"
        spec["priority"] = 0
        spec["tolerations"] = Self.tolerations
        let status = podStatus(template, state: state, hostIP: hostIP, podIP: podIP, created: created, &rng)
        let owner = Self.owner(apiVersion: "apps/v1", kind: "ReplicaSet", name: replicaSet.name, uid: replicaSet.uid)
        var ownedMetadata: JSONValue = [
            "generateName": "", "labels": .map(labels), "ownerReferences": [owner],
        ]
        if !template.annotations.isEmpty { ownedMetadata["annotations"] = .map(template.annotations) }
        let managed = [
            ManagedFields.entry(
                manager: "kube-controller-manager",
                apiVersion: "v1",
                time: created,
                fields: ["metadata": ownedMetadata, "spec": template.spec]
            ),
            ManagedFields.entry(
                manager: "kubelet",
                apiVersion: "v1",
                time: created.adding(seconds: 12),
                subresource: "status",
                fields: ["status": status]
            ),
        ]
        try emit([
            "apiVersion": "v1", "kind": "Pod",
            "metadata": metadata(
                name,
                namespace: plan.name,
                uid: rng.uuid(),
                created: created,
                labels: labels,
                annotations: template.annotations,
                owner: owner,
                generateName: "\(replicaSet.name)-",
                managedFields: managed
            ),
            "spec": spec,
            "status": status,
        ])
    }

    private func podStatus(
        _ template: PodTemplate,
        state: PodState,
        hostIP: String,
        podIP: String,
        created: GeneratedTime,
        _ rng: inout SplitMix64
    ) -> JSONValue {
        let started = created.adding(seconds: 1)
        let initDone = started.adding(seconds: template.initContainers.isEmpty ? 0 : 4 + rng.below(20))
        let readyAt = initDone.adding(seconds: 5 + rng.below(15))
        let initCount = template.initContainers.count
        var initStatuses: [JSONValue] = []
        var statuses: [JSONValue] = []
        var unready: [String] = []
        for (position, (container, image)) in template.images.enumerated() {
            let containerID = "containerd://\(rng.hex(64))"
            var status: JSONValue = [
                "containerID": .string(containerID), "image": .string(image.statusImage),
                "imageID": .string(image.imageID), "lastState": .empty, "name": .string(container), "ready": true,
                "restartCount": 0, "started": true,
                "state": ["running": ["startedAt": .string(initDone.adding(seconds: 2).text)]],
            ]
            if position < initCount {
                status["started"] = false
                status["state"] = [
                    "terminated": [
                        "containerID": .string(containerID), "exitCode": 0, "finishedAt": .string(initDone.text),
                        "reason": "Completed", "startedAt": .string(started.text),
                    ]
                ]
                initStatuses.append(status)
                continue
            }
            let isMain = position == initCount
            switch state {
            case .running where rng.percent(8):
                status["restartCount"] = .int(1 + rng.below(3))
                status["lastState"] = [
                    "terminated": [
                        "containerID": .string("containerd://\(rng.hex(64))"), "exitCode": 137,
                        "finishedAt": .string(initDone.adding(seconds: 3_600).text), "reason": "OOMKilled",
                        "startedAt": .string(initDone.adding(seconds: 2).text),
                    ]
                ]
            case .crashLooping where isMain:
                unready.append(container)
                status["ready"] = false
                status["started"] = false
                status["restartCount"] = .int(12 + rng.below(300))
                status["lastState"] = [
                    "terminated": [
                        "containerID": .string(containerID), "exitCode": 1,
                        "finishedAt": .string(GeneratedTime.snapshot.adding(seconds: -120).text), "reason": "Error",
                        "startedAt": .string(GeneratedTime.snapshot.adding(seconds: -125).text),
                    ]
                ]
                status["state"] = [
                    "waiting": [
                        "message": .string("back-off 5m0s restarting failed container=\(container)"),
                        "reason": "CrashLoopBackOff",
                    ]
                ]
            case .imagePullBackOff where isMain:
                unready.append(container)
                status = [
                    "image": .string(image.reference), "imageID": "", "lastState": .empty,
                    "name": .string(container), "ready": false, "restartCount": 0, "started": false,
                    "state": [
                        "waiting": [
                            "message": .string("Back-off pulling image \"\(image.reference)\""),
                            "reason": "ImagePullBackOff",
                        ]
                    ],
                ]
            default:
                break
            }
            statuses.append(status)
        }
        let ready = state == .running
        func condition(_ type: String, _ time: GeneratedTime, _ ok: Bool = true) -> JSONValue {
            var condition: JSONValue = [
                "lastProbeTime": .null, "lastTransitionTime": .string(time.text), "status": ok ? "True" : "False",
                "type": .string(type),
            ]
            if !ok {
                condition["reason"] = "ContainersNotReady"
                condition["message"] = .string("containers with unready status: [\(unready.joined(separator: " "))]")
            }
            return condition
        }
        var status: JSONValue = [
            "conditions": [
                condition("PodReadyToStartContainers", started.adding(seconds: 3)), condition("Initialized", initDone),
                condition("Ready", readyAt, ready), condition("ContainersReady", readyAt, ready),
                condition("PodScheduled", created),
            ],
            "containerStatuses": .array(statuses), "hostIP": .string(hostIP), "hostIPs": [["ip": .string(hostIP)]],
            "phase": state == .imagePullBackOff ? "Pending" : "Running", "podIP": .string(podIP),
            "podIPs": [["ip": .string(podIP)]], "qosClass": "Burstable", "startTime": .string(started.text),
        ]
        if !initStatuses.isEmpty { status["initContainerStatuses"] = .array(initStatuses) }
        return status
    }

    private static func adding(_ mount: JSONValue, to container: JSONValue) -> JSONValue {
        var container = container
        container["volumeMounts"] = .array((container["volumeMounts"]?.arrayValue ?? []) + [mount])
        return container
    }

    private static let tolerations: JSONValue = .array(
        ["not-ready", "unreachable"].map { condition in
            [
                "effect": "NoExecute", "key": .string("node.kubernetes.io/\(condition)"), "operator": "Exists",
                "tolerationSeconds": 300,
            ]
        }
    )

    /// The projected service-account token volume the API server adds to pods that automount a token.
    private static func tokenVolume(_ name: String) -> JSONValue {
        [
            "name": .string(name),
            "projected": [
                "defaultMode": 420,
                "sources": [
                    ["serviceAccountToken": ["expirationSeconds": 3607, "path": "token"]],
                    ["configMap": ["items": [["key": "ca.crt", "path": "ca.crt"]], "name": "kube-root-ca.crt"]],
                    [
                        "downwardAPI": [
                            "items": [
                                [
                                    "fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.namespace"],
                                    "path": "namespace",
                                ]
                            ]
                        ]
                    ],
                ],
            ],
        ]
    }
}
