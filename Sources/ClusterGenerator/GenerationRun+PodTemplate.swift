import Foundation
import KubeEmulator

extension GenerationRun {
    /// A Deployment's pod template: labels, annotations and spec as the API server returns them (defaulted).
    struct PodTemplate {
        var labels: [String: String]
        var annotations: [String: String]
        var spec: JSONValue
        var containers: [JSONValue]
        var initContainers: [JSONValue]
        /// Container name and image, init containers first (what pods run and trivy-operator scans).
        var images: [(container: String, image: ContainerImage)]
    }

    /// The pod template of `app`. Draws the planted secret values and resource sizes from `rng`.
    func podTemplate(_ app: NamespacePlan.App, _ plan: NamespacePlan, _ rng: inout SplitMix64) -> PodTemplate {
        let labels = [
            "app": app.name, "app.kubernetes.io/name": app.name, "app.kubernetes.io/part-of": plan.team,
            "team": plan.team,
        ]
        var annotations: [String: String] = [:]
        if rng.percent(40) {
            annotations["prometheus.io/scrape"] = "true"
            annotations["prometheus.io/port"] = "9090"
        }
        if rng.percent(20) {
            annotations["kubectl.kubernetes.io/restartedAt"] =
                GeneratedTime.random(in: GeneratedTime.reboot...GeneratedTime.snapshot, using: &rng).text
        }
        let security = containerSecurity(app, plan, &rng)
        var containers = [mainContainer(app, plan, security: security, &rng)]
        var images = [(app.role, app.image)]
        if let sidecar = app.sidecar {
            containers.append(
                container(
                    sidecar.name,
                    image: sidecar.image,
                    args: ["--config=/etc/\(sidecar.name)/config.yaml"],
                    env: [Self.fieldEnv("POD_NAME", "metadata.name")],
                    ports: [],
                    resources: Self.resources(cpu: "50m", memory: "64Mi"),
                    security: security
                )
            )
            images.append((sidecar.name, sidecar.image))
        }
        var initContainers: [JSONValue] = []
        if let initial = app.initContainer {
            let waits = initial.name == "wait-for-deps"
            initContainers.append(
                container(
                    initial.name,
                    image: initial.image,
                    args: waits ? ["sh", "-c", "until nslookup kubernetes.default.svc; do sleep 2; done"] : ["up"],
                    env: waits ? [] : [Self.secretEnv("DATABASE_PASSWORD", plan.credentialsSecret, "password")],
                    ports: [],
                    resources: Self.resources(cpu: "50m", memory: "64Mi"),
                    security: security
                )
            )
            images.insert((initial.name, initial.image), at: 0)
        }
        var volumes: [JSONValue] = [["emptyDir": .empty, "name": "tmp"]]
        if app.privileged {
            volumes.append(["hostPath": ["path": "/run/containerd", "type": "Directory"], "name": "host-run"])
        }
        var spec: JSONValue = [
            "containers": .array(containers), "dnsPolicy": "ClusterFirst", "restartPolicy": "Always",
            "schedulerName": "default-scheduler", "securityContext": podSecurity(plan),
            "serviceAccount": .string(app.name), "serviceAccountName": .string(app.name),
            "terminationGracePeriodSeconds": 30, "volumes": .array(volumes),
        ]
        if !initContainers.isEmpty { spec["initContainers"] = .array(initContainers) }
        if !app.automountToken { spec["automountServiceAccountToken"] = false }
        return PodTemplate(
            labels: labels,
            annotations: annotations,
            spec: spec,
            containers: containers,
            initContainers: initContainers,
            images: images
        )
    }

    private func mainContainer(
        _ app: NamespacePlan.App,
        _ plan: NamespacePlan,
        security: JSONValue,
        _ rng: inout SplitMix64
    ) -> JSONValue {
        var env: [JSONValue] = [
            Self.fieldEnv("POD_NAME", "metadata.name"), Self.fieldEnv("POD_NAMESPACE", "metadata.namespace"),
        ]
        if rng.percent(40) { env.append(Self.fieldEnv("NODE_NAME", "spec.nodeName")) }
        if app.image.registry == "registry.acme.example" && rng.percent(50) {
            env.append([
                "name": "GOMAXPROCS",
                "valueFrom": [
                    "resourceFieldRef": ["containerName": .string(app.role), "divisor": "1", "resource": "limits.cpu"]
                ],
            ])
        }
        env.append(Self.secretEnv("DB_USERNAME", plan.credentialsSecret, "username"))
        if app.literalSecrets {
            // Planted: credentials written into the manifest instead of referenced.
            let prefix = "PLANTED-SECRET-\(plan.name)-\(app.role)"
            env.append(["name": "DB_PASSWORD", "value": .string("\(prefix)-db-password-\(rng.hex(5))")])
            env.append(["name": "API_TOKEN", "value": .string("\(prefix)-api-token-\(rng.hex(5))")])
        } else {
            env.append(Self.secretEnv("DB_PASSWORD", plan.credentialsSecret, "password"))
            if rng.percent(50) { env.append(Self.secretEnv("API_KEY", plan.credentialsSecret, "api-key")) }
        }
        env.append(["name": "APP_ENV", "value": .string(plan.environment)])
        if rng.percent(40) {
            env.append(["name": "LOG_LEVEL", "value": .string(rng.pick(["info", "debug", "warn"]))])
        }
        let size = rng.below(Self.cpuSizes.count)
        var ports: [JSONValue] = [["containerPort": 8080, "name": "http", "protocol": "TCP"]]
        if rng.percent(40) { ports.append(["containerPort": 9090, "name": "metrics", "protocol": "TCP"]) }
        var main = container(
            app.role,
            image: app.image,
            args: ["--listen=:8080"],
            env: env,
            ports: ports,
            resources: Self.resources(cpu: Self.cpuSizes[size], memory: Self.memorySizes[size]),
            security: security
        )
        main["readinessProbe"] = [
            "failureThreshold": 3, "httpGet": ["path": "/healthz", "port": "http", "scheme": "HTTP"],
            "periodSeconds": 10, "successThreshold": 1, "timeoutSeconds": 2,
        ]
        if app.privileged {
            var mounts = main["volumeMounts"]?.arrayValue ?? []
            mounts.append(["mountPath": "/run/containerd", "name": "host-run"])
            main["volumeMounts"] = .array(mounts)
        }
        return main
    }

    private func container(
        _ name: String,
        image: ContainerImage,
        args: [String],
        env: [JSONValue],
        ports: [JSONValue],
        resources: JSONValue,
        security: JSONValue
    ) -> JSONValue {
        var container: JSONValue = [
            "args": .strings(args), "image": .string(image.reference), "imagePullPolicy": "IfNotPresent",
            "name": .string(name), "resources": resources, "terminationMessagePath": "/dev/termination-log",
            "terminationMessagePolicy": "File", "volumeMounts": [["mountPath": "/tmp", "name": "tmp"]],
        ]
        if !env.isEmpty { container["env"] = .array(env) }
        if !ports.isEmpty { container["ports"] = .array(ports) }
        if security.members?.isEmpty == false { container["securityContext"] = security }
        return container
    }

    /// The container securityContext: restricted-compliant in restricted namespaces (and often elsewhere).
    private func containerSecurity(
        _ app: NamespacePlan.App,
        _ plan: NamespacePlan,
        _ rng: inout SplitMix64
    ) -> JSONValue {
        if app.privileged { return ["privileged": true] }
        let restricted: JSONValue = [
            "allowPrivilegeEscalation": false, "capabilities": ["drop": ["ALL"]], "readOnlyRootFilesystem": true,
            "runAsGroup": 10001, "runAsNonRoot": true, "runAsUser": 10001,
            "seccompProfile": ["type": "RuntimeDefault"],
        ]
        switch plan.podSecurity {
        case .restricted:
            return restricted
        case .baseline:
            return rng.percent(50) ? restricted : ["allowPrivilegeEscalation": false]
        case .auditOnly, .unlabeled, .privileged:
            return rng.percent(50) ? restricted : .empty
        }
    }

    private func podSecurity(_ plan: NamespacePlan) -> JSONValue {
        guard plan.podSecurity == .restricted else { return .empty }
        return ["fsGroup": 10001, "runAsNonRoot": true, "seccompProfile": ["type": "RuntimeDefault"]]
    }

    private static let cpuSizes = ["50m", "100m", "250m", "500m"]
    private static let memorySizes = ["64Mi", "128Mi", "256Mi", "512Mi"]

    private static func resources(cpu: String, memory: String) -> JSONValue {
        [
            "limits": ["cpu": .string(cpu == "500m" ? "1" : "500m"), "memory": .string(memory)],
            "requests": ["cpu": .string(cpu), "memory": .string(memory)],
        ]
    }

    static func fieldEnv(_ name: String, _ path: String) -> JSONValue {
        ["name": .string(name), "valueFrom": ["fieldRef": ["apiVersion": "v1", "fieldPath": .string(path)]]]
    }

    static func secretEnv(_ name: String, _ secret: String, _ key: String) -> JSONValue {
        ["name": .string(name), "valueFrom": ["secretKeyRef": ["key": .string(key), "name": .string(secret)]]]
    }
}
