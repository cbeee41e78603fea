import ClusterGenerator
import Foundation
import KubeEmulator
import Testing

@Suite("synthetic cluster generator")
struct GeneratorTests {
    static let smallSpec =
        "namespaces=5,pods-per-ns=3,rolebindings-per-ns=4,networkpolicies-per-ns=3,clusterrolebindings=7"

    /// Every object of every kind, as JSON trees.
    static func allObjects(_ store: ClusterStore) -> [[String: Any]] {
        store.kinds.flatMap { kind in
            store.objects(kind: kind).compactMap { (try? JSONSerialization.jsonObject(with: $0)) as? [String: Any] }
        }
    }

    static func metadata(_ object: [String: Any]) -> [String: Any] {
        object["metadata"] as? [String: Any] ?? [:]
    }

    // MARK: Spec parsing

    @Test func defaultsScaleWithNamespaces() throws {
        let spec = try GenerationSpec(parsing: "namespaces=2000")
        #expect(spec.namespaces == 2000)
        #expect(spec.podsPerNamespace == 10)
        #expect(spec.roleBindingsPerNamespace == 10)
        #expect(spec.networkPoliciesPerNamespace == 2)
        #expect(spec.clusterRoleBindings == 5000)
        #expect(spec.seed == 1)
        #expect(try GenerationSpec(parsing: "namespaces=3").clusterRoleBindings == 7)
    }

    @Test func parsesEveryKeyInAnyOrder() throws {
        let spec = try GenerationSpec(
            parsing: " seed=18446744073709551615, clusterrolebindings=0 ,networkpolicies-per-ns=0,"
                + "rolebindings-per-ns=1,pods-per-ns=7,namespaces=12"
        )
        #expect(
            spec
                == GenerationSpec(
                    namespaces: 12,
                    podsPerNamespace: 7,
                    roleBindingsPerNamespace: 1,
                    networkPoliciesPerNamespace: 0,
                    clusterRoleBindings: 0,
                    seed: UInt64.max
                )
        )
        #expect(try GenerationSpec(parsing: spec.description) == spec, "description is a spec that parses back")
    }

    @Test(
        arguments: [
            ("pods-per-ns=abc,namespaces=2", ["`pods-per-ns=abc`", "whole number from 0 to 500"]),
            ("namespaces=2,colour=blue", ["`colour=blue`", "not a known key", "pods-per-ns", "seed"]),
            ("namespaces", ["`namespaces`", "not a key=value pair"]),
            ("pods-per-ns=3", ["namespaces is required", "namespaces=200"]),
            ("namespaces=0", ["`namespaces=0`", "from 1 to 20000"]),
            ("namespaces=-4", ["`namespaces=-4`", "whole number"]),
            ("namespaces=2,namespaces=3", ["`namespaces=3`", "appears twice"]),
            ("namespaces=2,", ["empty item"]),
            ("", ["the spec is empty", "namespaces=200"]),
            ("namespaces=2,seed=-1", ["`seed=-1`", "seed must be a whole number"]),
            ("namespaces=20000,pods-per-ns=500", ["more than", "lower namespaces"]),
        ]
    )
    func badSpecsNameTheItemAndTheFix(spec: String, fragments: [String]) {
        #expect {
            try GenerationSpec(parsing: spec)
        } throws: { error in
            guard let error = error as? GenerationSpecError else { return false }
            let message = error.description
            let missing = fragments.filter { !message.contains($0) }
            #expect(missing.isEmpty, "\(message) lacks \(missing)")
            #expect(message.contains(GenerationSpec.grammar))
            return true
        }
    }

    // MARK: Generation

    @Test func sameSpecGivesIdenticalObjectsAndOtherSeedsDiffer() throws {
        let spec = try GenerationSpec(parsing: "namespaces=3,pods-per-ns=4,seed=9")
        let first = try ClusterStore.generated(spec)
        let second = try ClusterStore.generated(spec)
        #expect(first.kinds == second.kinds)
        for kind in first.kinds {
            #expect(first.objects(kind: kind) == second.objects(kind: kind), "\(kind) differs between runs")
        }
        #expect(first.resourceVersion == second.resourceVersion)
        var reseeded = spec
        reseeded.seed = 10
        let other = try ClusterStore.generated(reseeded)
        #expect(other.objects(kind: "Pod") != first.objects(kind: "Pod"))
    }

    @Test func threadsDoNotChangeTheObjects() throws {
        let sample = try ClusterStore.sample()
        var generator = try ClusterGenerator(parsing: "namespaces=60,pods-per-ns=2,rolebindings-per-ns=2,seed=4")
        generator.threads = 1
        let serial = try generator.store(base: sample)
        generator.threads = 3
        let parallel = try generator.store(base: sample)
        #expect(serial.kinds == parallel.kinds)
        for kind in serial.kinds {
            #expect(serial.objects(kind: kind) == parallel.objects(kind: kind), "\(kind) differs")
        }
    }

    @Test func countsPerKindFollowTheSpec() throws {
        let sample = try ClusterStore.sample()
        let store = try ClusterStore.generated(try GenerationSpec(parsing: Self.smallSpec))
        func added(_ kind: String) -> Int {
            store.objectNames(kind: kind).count - sample.objectNames(kind: kind).count
        }
        #expect(added("Namespace") == 5)
        #expect(added("Pod") == 15)
        #expect(added("RoleBinding") == 20)
        #expect(added("NetworkPolicy") == 15)
        #expect(added("ClusterRoleBinding") == 7)
        // pods-per-ns=3 → one app of three replicas per namespace.
        #expect(added("Deployment") == 5)
        #expect(added("ReplicaSet") == 5)
        #expect(added("ServiceAccount") == 10)
        #expect(added("Role") == 5)
        #expect(added("ConfigMap") == 5)
        #expect(added("Secret") == 5)
        #expect(added("ClusterPolicy") == 1)
        #expect(added("ClusterSecretStore") == 1)
        #expect(added("CertificateRequest") == added("Certificate"))
        #expect(added("Certificate") <= 5)
        #expect(added("ExternalSecret") <= 5)
        #expect(added("VulnerabilityReport") > 0)
        #expect(added("CustomResourceDefinition") == 0)
        let names = store.objectNames(kind: "Namespace").filter { name in
            !sample.objectNames(kind: "Namespace").contains(name)
        }
        #expect(names.count == 5)
        #expect(names.allSatisfy { $0.wholeMatch(of: #/[a-z]+-000[1-5]/#) != nil }, "\(names)")
        #expect(store.log(namespace: "kube-bench", pod: "kube-bench-8jm9z", container: "kube-bench") != nil)
        #expect(store.clusterID == sample.clusterID)
    }

    @Test(
        arguments: [
            "namespaces=1,pods-per-ns=0,rolebindings-per-ns=0,networkpolicies-per-ns=0,clusterrolebindings=0",
            "namespaces=2,pods-per-ns=1,rolebindings-per-ns=1,networkpolicies-per-ns=1,clusterrolebindings=1",
            "namespaces=2,pods-per-ns=100,rolebindings-per-ns=60,networkpolicies-per-ns=40,seed=0",
        ]
    )
    func extremeSpecsGenerateExactCounts(text: String) throws {
        let spec = try GenerationSpec(parsing: text)
        let sample = try ClusterStore.sample()
        let store = try ClusterGenerator(spec: spec).store(base: sample)
        func added(_ kind: String) -> Int {
            store.objectNames(kind: kind).count - sample.objectNames(kind: kind).count
        }
        #expect(added("Namespace") == spec.namespaces)
        #expect(added("Pod") == spec.namespaces * spec.podsPerNamespace)
        #expect(added("RoleBinding") == spec.namespaces * spec.roleBindingsPerNamespace)
        #expect(added("NetworkPolicy") == spec.namespaces * spec.networkPoliciesPerNamespace)
        #expect(added("ClusterRoleBinding") == spec.clusterRoleBindings)
    }

    @Test func generatedObjectsAreConsistent() throws {
        let store = try ClusterStore.generated(try GenerationSpec(parsing: "namespaces=40,pods-per-ns=4,seed=3"))
        let objects = Self.allObjects(store)
        #expect(objects.count == store.objectCount)

        let uids = objects.compactMap { Self.metadata($0)["uid"] as? String }
        #expect(uids.count == objects.count, "every object has a uid")
        #expect(Set(uids).count == uids.count, "uids are unique")
        #expect(
            uids.allSatisfy {
                $0.wholeMatch(of: #/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/#) != nil
            }
        )

        let namespaces = Set(store.objectNames(kind: "Namespace"))
        let knownUIDs = Set(uids)
        for object in objects {
            let metadata = Self.metadata(object)
            if let namespace = metadata["namespace"] as? String {
                #expect(namespaces.contains(namespace), "namespace \(namespace) exists")
            }
            for owner in metadata["ownerReferences"] as? [[String: Any]] ?? [] {
                let uid = owner["uid"] as? String ?? ""
                #expect(knownUIDs.contains(uid), "owner \(owner["kind"] ?? "") \(owner["name"] ?? "") exists")
            }
            #expect((metadata["resourceVersion"] as? String).flatMap { Int($0) } != nil)
        }

        let roles = Set(store.objectNames(kind: "ClusterRole"))
        let namespacedRoles = Set(store.objectNames(kind: "Role"))
        for binding in objects where ["RoleBinding", "ClusterRoleBinding"].contains(binding["kind"] as? String) {
            let roleRef = binding["roleRef"] as? [String: Any] ?? [:]
            let name = roleRef["name"] as? String ?? ""
            if roleRef["kind"] as? String == "Role" {
                let namespace = Self.metadata(binding)["namespace"] as? String ?? ""
                #expect(namespacedRoles.contains("\(namespace)/\(name)"), "Role \(namespace)/\(name) exists")
            } else {
                #expect(roles.contains(name), "ClusterRole \(name) exists")
            }
        }

        let pods = objects.filter { $0["kind"] as? String == "Pod" }
        let digests = Set(
            pods.flatMap { pod in
                ((pod["status"] as? [String: Any])?["containerStatuses"] as? [[String: Any]] ?? []).compactMap {
                    ($0["imageID"] as? String)?.split(separator: "@").last.map(String.init)
                }
            }
        )
        let reports = objects.filter { $0["kind"] as? String == "VulnerabilityReport" }
        let reported = reports.compactMap {
            (($0["report"] as? [String: Any])?["artifact"] as? [String: Any])?["digest"] as? String
        }
        #expect(reported.filter(digests.contains).count > reported.count / 2, "reports cover running images")
        #expect(reports.allSatisfy { (Self.metadata($0)["name"] as? String ?? "").count <= 63 })

        let podJSON = store.objects(kind: "Pod").map { String(decoding: $0, as: UTF8.self) }
        #expect(podJSON.contains { $0.contains("\"value\":\"PLANTED-SECRET-") }, "some pods have literal secrets")
        #expect(podJSON.contains { $0.contains("\"managedFields\":[") })
        let namespaceJSON = store.objects(kind: "Namespace").map { String(decoding: $0, as: UTF8.self) }
        #expect(namespaceJSON.contains { $0.contains("kubectl.kubernetes.io/last-applied-configuration") })
        #expect(namespaceJSON.contains { $0.contains("\"pod-security.kubernetes.io/enforce\":\"restricted\"") })
        #expect(namespaceJSON.contains { $0.contains("\"pod-security.kubernetes.io/enforce\":\"privileged\"") })
        let policies = store.objects(kind: "NetworkPolicy").map { String(decoding: $0, as: UTF8.self) }
        #expect(policies.filter { $0.contains("\"name\":\"default-deny-all\"") }.count > 20)
    }

    @Test func emulatorServesTheGeneratedCountsThroughPagination() async throws {
        let store = try ClusterStore.generated(try GenerationSpec(parsing: "namespaces=30,seed=5"))
        try await withHarness(store: store) { harness in
            for (path, kind) in [
                ("/api/v1/pods", "Pod"), ("/apis/rbac.authorization.k8s.io/v1/rolebindings", "RoleBinding"),
                ("/apis/aquasecurity.github.io/v1alpha1/vulnerabilityreports", "VulnerabilityReport"),
            ] {
                var names: [String] = []
                var token: String?
                var pages = 0
                repeat {
                    let query =
                        token.map {
                            "&continue=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
                        }
                        ?? ""
                    let reply = try await harness.send("\(path)?limit=100\(query)")
                    #expect(reply.status == 200)
                    names += (reply.json["items"] as? [[String: Any]] ?? []).map { item in
                        let metadata = Self.metadata(item)
                        return "\(metadata["namespace"] as? String ?? "")/\(metadata["name"] as? String ?? "")"
                    }
                    token = (reply.json["metadata"] as? [String: Any])?["continue"] as? String
                    pages += 1
                } while token != nil && pages < 1_000
                let expected = store.objectNames(kind: kind)
                #expect(names.count == expected.count, "\(kind): \(names.count) listed")
                #expect(Set(names).count == names.count, "\(kind): no repeats across pages")
                #expect(names == expected, "\(kind): the generated objects, in serving order")
                #expect(pages == (expected.count + 99) / 100)
            }
        }
    }

    @Test func twoHundredNamespacesAddOverEightThousandObjects() throws {
        let sample = try ClusterStore.sample()
        let spec = try GenerationSpec(parsing: "namespaces=200")
        let store = try ClusterGenerator(spec: spec).store(base: sample)
        #expect(store.objectCount > sample.objectCount + 8_000)
        #expect(store.objects(kind: "Namespace").count == sample.objects(kind: "Namespace").count + 200)
    }
}
