import Foundation

/// Deterministic inputs: Pods as a Kubernetes API server returns them in a LIST (compact JSON, members in the
/// order of the Go types, items without `apiVersion`/`kind`), built in code so nothing is fetched and every
/// run measures the same bytes. About 6.5 KB per pod: labels, annotations, an owner, managedFields, two
/// containers with env, probes and mounts, and status with conditions and containerStatuses.
enum PodFixtures {
    /// Items in one LIST page (auditpack's page size).
    static let pageSize = 500
    /// One pod in 50 (2%) sets `DB_PASSWORD` to a literal value, which the redactor must parse and rewrite;
    /// the rest take their secrets through `secretKeyRef` and are written as received.
    static let literalSecretEvery = 50

    /// Whether pod `index` sets `DB_PASSWORD` literally.
    static func hasLiteralSecret(_ index: Int) -> Bool {
        index % literalSecretEvery == literalSecretEvery / 2
    }

    /// A `PodList` page holding pods `range`, as `GET /api/v1/pods?limit=500` returns it.
    static func listPage(_ range: Range<Int>, continueToken: String? = nil) -> Data {
        var out = JSONOutput(capacity: range.count * 7_000 + 512)
        out.raw(#"{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"#)
        out.string(String(48_213_377 + range.upperBound))
        if let continueToken {
            out.raw(#","continue":"#)
            out.string(continueToken)
        }
        out.raw(#"},"items":["#)
        for index in range {
            if index != range.lowerBound { out.raw(",") }
            out.write(pod(index))
        }
        out.raw("]}")
        return Data(out.bytes)
    }

    /// A continue token shaped like the API server's (base64 of a small JSON document).
    static func continueToken(after index: Int) -> String {
        let state = #"{"v":"meta.k8s.io/v1","rv":48213377,"start":"pods/\#(index)\u0000"}"#
        return Data(state.utf8).base64EncodedString()
    }

    // MARK: - One pod

    static let apps = [
        "checkout", "payments", "catalog", "search", "orders", "inventory", "accounts", "notifications",
        "recommendations", "shipping", "gateway", "reporting", "pricing", "reviews", "media", "auth",
    ]
    static let namespaces = ["storefront", "payments", "data", "platform", "identity"]

    /// Per app: the ReplicaSet's pod-template-hash and uid (the same for all of the app's pods).
    static let replicaSets: [(hash: String, uid: String)] = apps.indices.map { appIndex in
        var rng = SplitMix64(seed: 0x7E3A_1000 &+ UInt64(appIndex))
        return (rng.suffix(10), rng.uuid())
    }

    static func pod(_ index: Int) -> OrderedJSON {
        var rng = SplitMix64(seed: 0x00A0_D17B_E7C4 &+ UInt64(index))
        let appIndex = index % apps.count
        let app = apps[appIndex]
        let namespace = namespaces[appIndex % namespaces.count]
        let version = "1.\(4 + appIndex % 5).\(appIndex * 7 % 10)"
        let replicaSet = "\(app)-\(replicaSets[appIndex].hash)"
        let name = "\(replicaSet)-\(rng.suffix(5))"
        let created = index * 37
        let node = "worker-\(1 + index % 12)"
        let hostIP = "10.0.1.\(21 + index % 12)"
        let podIP = "10.244.\(index / 250 % 256).\(2 + index % 250)"
        let tokenVolume = "kube-api-access-\(rng.suffix(5))"
        let literalSecret = hasLiteralSecret(index) ? "s3cr3t-\(rng.hex(12))" : nil

        let labels: OrderedJSON = [
            "app": .string(app),
            "app.kubernetes.io/component": "backend",
            "app.kubernetes.io/instance": "\(app)-prod",
            "app.kubernetes.io/managed-by": "Helm",
            "app.kubernetes.io/name": .string(app),
            "app.kubernetes.io/part-of": "shop",
            "app.kubernetes.io/version": .string(version),
            "helm.sh/chart": "\(app)-\(version)",
            "pod-template-hash": .string(replicaSets[appIndex].hash),
            "team": .string(namespace),
        ]
        let annotations: OrderedJSON = [
            "checksum/config": .string(rng.hex(64)),
            "kubectl.kubernetes.io/restartedAt": .string(timestamp(created / 2)),
            "prometheus.io/path": "/metrics",
            "prometheus.io/port": "9090",
            "prometheus.io/scrape": "true",
        ]
        let owner: OrderedJSON = [
            "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": .string(replicaSet),
            "uid": .string(replicaSets[appIndex].uid), "controller": true, "blockOwnerDeletion": true,
        ]
        let spec = podSpec(
            app: app,
            namespace: namespace,
            version: version,
            node: node,
            tokenVolume: tokenVolume,
            literalSecret: literalSecret
        )
        let status = podStatus(
            app: app,
            version: version,
            created: created,
            hostIP: hostIP,
            podIP: podIP,
            &rng
        )
        let managedFields: OrderedJSON = [
            managedEntry(
                manager: "kube-controller-manager",
                time: timestamp(created),
                subresource: nil,
                fields: [
                    (
                        "metadata",
                        [
                            "generateName": "", "labels": labels, "annotations": annotations,
                            "ownerReferences": [owner],
                        ]
                    ),
                    ("spec", spec),
                ]
            ),
            managedEntry(
                manager: "kubelet",
                time: timestamp(created + 14),
                subresource: "status",
                fields: [("status", status)]
            ),
        ]
        return [
            "metadata": [
                "name": .string(name),
                "generateName": "\(replicaSet)-",
                "namespace": .string(namespace),
                "uid": .string(rng.uuid()),
                "resourceVersion": .string(String(48_000_000 + index * 13)),
                "creationTimestamp": .string(timestamp(created)),
                "labels": labels,
                "annotations": annotations,
                "ownerReferences": [owner],
                "managedFields": managedFields,
            ],
            "spec": spec,
            "status": status,
        ]
    }

    static func podSpec(
        app: String,
        namespace: String,
        version: String,
        node: String,
        tokenVolume: String,
        literalSecret: String?
    ) -> OrderedJSON {
        func secret(_ name: String, _ key: String) -> OrderedJSON {
            ["secretKeyRef": ["name": .string(name), "key": .string(key)]]
        }
        func field(_ path: String) -> OrderedJSON {
            ["fieldRef": ["apiVersion": "v1", "fieldPath": .string(path)]]
        }
        let password: OrderedJSON =
            literalSecret.map { ["name": "DB_PASSWORD", "value": .string($0)] }
            ?? ["name": "DB_PASSWORD", "valueFrom": secret("\(app)-db", "password")]
        let appEnv: OrderedJSON = [
            ["name": "APP_ENV", "value": "production"],
            ["name": "LOG_LEVEL", "value": "info"],
            ["name": "DB_HOST", "value": "postgres.\(namespace).svc.cluster.local"],
            ["name": "DB_USER", "valueFrom": secret("\(app)-db", "username")],
            password,
            ["name": "REDIS_URL", "valueFrom": secret("\(app)-redis", "url")],
            ["name": "API_TOKEN", "valueFrom": secret("\(app)-api", "token")],
            ["name": "STRIPE_API_KEY", "valueFrom": secret("\(app)-stripe", "api-key")],
            ["name": "POD_NAME", "valueFrom": field("metadata.name")],
        ]
        let tokenMount: OrderedJSON = [
            "name": .string(tokenVolume), "readOnly": true,
            "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount",
        ]
        let hardened: OrderedJSON = [
            "capabilities": ["drop": ["ALL"]], "runAsNonRoot": true, "readOnlyRootFilesystem": true,
            "allowPrivilegeEscalation": false,
        ]
        func probe(_ path: String, delay: Int) -> OrderedJSON {
            [
                "httpGet": ["path": .string(path), "port": 8080, "scheme": "HTTP"],
                "initialDelaySeconds": .int(delay), "timeoutSeconds": 1, "periodSeconds": 10,
                "successThreshold": 1, "failureThreshold": 3,
            ]
        }
        let main: OrderedJSON = [
            "name": .string(app),
            "image": "registry.example.com/shop/\(app):\(version)",
            "args": ["--config=/etc/\(app)/config.yaml", "--listen=:8080"],
            "ports": [
                ["name": "http", "containerPort": 8080, "protocol": "TCP"],
                ["name": "metrics", "containerPort": 9090, "protocol": "TCP"],
            ],
            "env": appEnv,
            "resources": [
                "limits": ["cpu": "1", "memory": "512Mi"],
                "requests": ["cpu": "250m", "memory": "256Mi"],
            ],
            "volumeMounts": [
                ["name": "config", "readOnly": true, "mountPath": "/etc/\(app)"],
                ["name": "tmp", "mountPath": "/tmp"],
                tokenMount,
            ],
            "livenessProbe": probe("/healthz", delay: 10),
            "readinessProbe": probe("/readyz", delay: 5),
            "terminationMessagePath": "/dev/termination-log",
            "terminationMessagePolicy": "File",
            "imagePullPolicy": "IfNotPresent",
            "securityContext": hardened,
        ]
        return [
            "volumes": [
                ["name": "config", "configMap": ["name": "\(app)-config", "defaultMode": 420]],
                ["name": "tmp", "emptyDir": [:]],
                [
                    "name": .string(tokenVolume),
                    "projected": [
                        "sources": [
                            ["serviceAccountToken": ["expirationSeconds": 3607, "path": "token"]],
                            [
                                "configMap": [
                                    "name": "kube-root-ca.crt", "items": [["key": "ca.crt", "path": "ca.crt"]],
                                ]
                            ],
                            [
                                "downwardAPI": [
                                    "items": [
                                        [
                                            "path": "namespace",
                                            "fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.namespace"],
                                        ]
                                    ]
                                ]
                            ],
                        ],
                        "defaultMode": 420,
                    ],
                ],
            ],
            "containers": [main],
            "restartPolicy": "Always",
            "terminationGracePeriodSeconds": 30,
            "dnsPolicy": "ClusterFirst",
            "serviceAccountName": .string(app),
            "serviceAccount": .string(app),
            "nodeName": .string(node),
            "securityContext": [
                "runAsUser": 10001, "runAsGroup": 10001, "fsGroup": 10001,
                "seccompProfile": ["type": "RuntimeDefault"],
            ],
            "schedulerName": "default-scheduler",
            "tolerations": [
                [
                    "key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute",
                    "tolerationSeconds": 300,
                ],
                [
                    "key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute",
                    "tolerationSeconds": 300,
                ],
            ],
            "priority": 0,
            "enableServiceLinks": true,
            "preemptionPolicy": "PreemptLowerPriority",
        ]
    }

    static func podStatus(
        app: String,
        version: String,
        created: Int,
        hostIP: String,
        podIP: String,
        _ rng: inout SplitMix64
    ) -> OrderedJSON {
        let started = timestamp(created + 2)
        let ready = timestamp(created + 11)
        func condition(_ type: String, _ time: String) -> OrderedJSON {
            ["type": .string(type), "status": "True", "lastProbeTime": .null, "lastTransitionTime": .string(time)]
        }
        func containerStatus(_ name: String, image: String) -> OrderedJSON {
            [
                "name": .string(name),
                "state": ["running": ["startedAt": .string(started)]],
                "lastState": [:],
                "ready": true,
                "restartCount": 0,
                "image": .string(image),
                "imageID": "\(image.split(separator: ":")[0])@sha256:\(rng.hex(64))",
                "containerID": "containerd://\(rng.hex(64))",
                "started": true,
            ]
        }
        return [
            "phase": "Running",
            "conditions": [
                condition("PodReadyToStartContainers", started),
                condition("Initialized", timestamp(created + 1)),
                condition("Ready", ready),
                condition("ContainersReady", ready),
                condition("PodScheduled", timestamp(created)),
            ],
            "hostIP": .string(hostIP),
            "hostIPs": [["ip": .string(hostIP)]],
            "podIP": .string(podIP),
            "podIPs": [["ip": .string(podIP)]],
            "startTime": .string(timestamp(created + 1)),
            "containerStatuses": [
                containerStatus(app, image: "registry.example.com/shop/\(app):\(version)"),
            ],
            "qosClass": "Burstable",
        ]
    }

    // MARK: - managedFields

    /// A `metadata.managedFields` entry in the FieldsV1 shape: `f:<field>` for members, `k:{…}` for list
    /// items keyed by their merge key, `.` for maps and items owned as a whole. Field sets stop
    /// `managedDepth` levels down (deeper fields fold into their parent), as in the emulator's generator.
    static func managedEntry(
        manager: String,
        time: String,
        subresource: String?,
        fields: [(String, OrderedJSON)]
    ) -> OrderedJSON {
        var entry: [(String, OrderedJSON)] = [
            ("manager", .string(manager)), ("operation", "Update"), ("apiVersion", "v1"), ("time", .string(time)),
            ("fieldsType", "FieldsV1"), ("fieldsV1", fieldSet(fields, level: 1)),
        ]
        if let subresource { entry.append(("subresource", .string(subresource))) }
        return .object(entry)
    }

    static let managedDepth = 3

    static func fieldSet(_ members: [(String, OrderedJSON)], level: Int) -> OrderedJSON {
        var set: [(String, OrderedJSON)] = level > 1 ? [(".", [:])] : []
        for (key, value) in members { set.append(("f:\(key)", fieldSet(of: value, level: level + 1))) }
        return .object(set)
    }

    static func fieldSet(of value: OrderedJSON, level: Int) -> OrderedJSON {
        guard level <= managedDepth else { return [:] }
        switch value {
        case .object(let members):
            return members.isEmpty ? [:] : fieldSet(members, level: level)
        case .array(let items):
            var set: [(String, OrderedJSON)] = []
            for item in items {
                guard case .object(let members) = item, let key = mergeKey(members) else { return [:] }
                set.append((key, level < managedDepth ? fieldSet(members, level: level + 1) : [:]))
            }
            return .object(set)
        default:
            return [:]
        }
    }

    /// `k:{"name":"app"}`, or `k:{"containerPort":8080,"protocol":"TCP"}` for ports; nil: an atomic list.
    static func mergeKey(_ members: [(String, OrderedJSON)]) -> String? {
        func member(_ key: String) -> OrderedJSON? { members.first { $0.0 == key }?.1 }
        if case .int(let port)? = member("containerPort") {
            return #"k:{"containerPort":\#(port),"protocol":"TCP"}"#
        }
        for key in ["uid", "mountPath", "name", "type", "ip"] {
            if case .string(let text)? = member(key) { return #"k:{"\#(key)":"\#(text)"}"# }
        }
        return nil
    }

    /// RFC 3339 time `seconds` after 2024-05-01T08:00:00Z (wrapping within the month).
    static func timestamp(_ seconds: Int) -> String {
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let total = 8 * 3_600 + seconds
        let day = 1 + total / 86_400 % 30
        let rest = total % 86_400
        return "2024-05-\(pad(day))T\(pad(rest / 3_600)):\(pad(rest / 60 % 60)):\(pad(rest % 60))Z"
    }
}

/// A JSON value whose object members keep their order (as the API server writes them).
indirect enum OrderedJSON: ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case object([(String, OrderedJSON)])
    case array([OrderedJSON])

    init(stringLiteral value: String) { self = .string(value) }
    init(stringInterpolation: DefaultStringInterpolation) { self = .string(String(stringInterpolation: stringInterpolation)) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: OrderedJSON...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, OrderedJSON)...) { self = .object(elements) }
}

/// Compact JSON with Go's `encoding/json` escaping (`<`, `>`, `&` as `\u003c`…).
struct JSONOutput {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw(#"\""#)
            case UInt8(ascii: "\\"): raw(#"\\"#)
            case UInt8(ascii: "\n"): raw(#"\n"#)
            case UInt8(ascii: "<"): raw(#"\u003c"#)
            case UInt8(ascii: ">"): raw(#"\u003e"#)
            case UInt8(ascii: "&"): raw(#"\u0026"#)
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                raw(#"\u00"#)
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func write(_ value: OrderedJSON) {
        switch value {
        case .string(let text):
            string(text)
        case .int(let number):
            raw(String(number))
        case .bool(let flag):
            raw(flag ? "true" : "false")
        case .null:
            raw("null")
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (offset, member) in members.enumerated() {
                if offset > 0 { bytes.append(UInt8(ascii: ",")) }
                string(member.0)
                bytes.append(UInt8(ascii: ":"))
                write(member.1)
            }
            bytes.append(UInt8(ascii: "}"))
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (offset, item) in items.enumerated() {
                if offset > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item)
            }
            bytes.append(UInt8(ascii: "]"))
        }
    }
}

/// A small seeded generator (SplitMix64): the same seed gives the same pods on every machine.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    mutating func pick(from alphabet: String, count: Int) -> String {
        let symbols = Array(alphabet.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(symbols[below(symbols.count)]) }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func hex(_ count: Int) -> String {
        pick(from: "0123456789abcdef", count: count)
    }

    /// Kubernetes' name-suffix alphabet (no vowels, no look-alike digits).
    mutating func suffix(_ count: Int) -> String {
        pick(from: "bcdfghjklmnpqrstvwxz2456789", count: count)
    }

    mutating func uuid() -> String {
        "\(hex(8))-\(hex(4))-4\(hex(3))-\(pick(from: "89ab", count: 1))\(hex(3))-\(hex(12))"
    }
}
