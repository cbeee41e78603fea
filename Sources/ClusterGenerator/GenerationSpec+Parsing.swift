import Foundation

extension GenerationSpec {
    /// The most objects a spec may ask for (memory stays well under a gigabyte below this).
    static let maximumObjects = 1_000_000

    /// Parses `namespaces=N[,pods-per-ns=P,rolebindings-per-ns=R,networkpolicies-per-ns=K,clusterrolebindings=C,seed=S]`.
    ///
    /// Items are comma-separated `key=value` pairs in any order; spaces around items are ignored. `namespaces` is
    /// required; the others default to 10 pods, 10 RoleBindings and 2 NetworkPolicies per namespace,
    /// 2.5 × namespaces ClusterRoleBindings and seed 1. Throws ``GenerationSpecError``
    /// naming the bad item and how to fix it.
    public init(parsing text: String) throws {
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw GenerationSpecError(
                item: text,
                reason: "the spec is empty; give at least the number of namespaces, e.g. `namespaces=200`"
            )
        }
        var values: [Key: Int] = [:]
        var seed = Self.defaultSeed
        var seenSeed = false
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        for item in items {
            guard !item.isEmpty else {
                throw GenerationSpecError(
                    item: text,
                    reason: "it has an empty item (a stray comma, or nothing at all); separate key=value items "
                        + "with single commas"
                )
            }
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                throw GenerationSpecError(
                    item: item,
                    reason: "it is not a key=value pair; write items like `namespaces=200` or `pods-per-ns=10`"
                )
            }
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            let value = parts[1].trimmingCharacters(in: .whitespaces)
            if name == "seed" {
                guard !seenSeed else { throw Self.repeated(item) }
                guard let parsed = UInt64(value) else {
                    throw GenerationSpecError(
                        item: item,
                        reason: "seed must be a whole number from 0 to \(UInt64.max)"
                    )
                }
                seed = parsed
                seenSeed = true
                continue
            }
            guard let key = Key(rawValue: name) else {
                throw GenerationSpecError(
                    item: item,
                    reason: "`\(name)` is not a known key; use one of "
                        + (Key.allCases.map(\.rawValue) + ["seed"]).joined(separator: ", ")
                )
            }
            guard values[key] == nil else { throw Self.repeated(item) }
            guard let number = Int(value), key.range.contains(number) else {
                throw GenerationSpecError(
                    item: item,
                    reason: "\(key.rawValue) must be a whole number from \(key.range.lowerBound) to "
                        + "\(key.range.upperBound)"
                )
            }
            values[key] = number
        }
        guard let namespaces = values[.namespaces] else {
            throw GenerationSpecError(
                item: text,
                reason: "namespaces is required; start the spec with e.g. `namespaces=200`"
            )
        }
        self.init(
            namespaces: namespaces,
            podsPerNamespace: values[.podsPerNamespace] ?? Self.defaultPodsPerNamespace,
            roleBindingsPerNamespace: values[.roleBindingsPerNamespace] ?? Self.defaultRoleBindingsPerNamespace,
            networkPoliciesPerNamespace: values[.networkPoliciesPerNamespace]
                ?? Self.defaultNetworkPoliciesPerNamespace,
            clusterRoleBindings: values[.clusterRoleBindings],
            seed: seed
        )
        let estimate = estimatedObjectCount
        guard estimate <= Self.maximumObjects else {
            throw GenerationSpecError(
                item: text,
                reason: "it asks for about \(estimate) objects, more than the \(Self.maximumObjects) the generator "
                    + "allows; lower namespaces or the per-namespace counts"
            )
        }
    }

    /// About how many objects the spec generates (on top of the sample cluster).
    var estimatedObjectCount: Int {
        // Per namespace: Namespace, default ServiceAccount, Role, ConfigMap, Secret, Certificate,
        // CertificateRequest, ExternalSecret; per app: ServiceAccount, Deployment, ReplicaSet, reports.
        let perNamespace =
            8 + appsPerNamespace * 5 + podsPerNamespace + roleBindingsPerNamespace
            + networkPoliciesPerNamespace
        return namespaces * perNamespace + clusterRoleBindings + clusterPolicies
    }

    private static func repeated(_ item: String) -> GenerationSpecError {
        GenerationSpecError(item: item, reason: "the key appears twice; give each key once")
    }

    /// The integer keys of the grammar, with the values each accepts.
    private enum Key: String, CaseIterable {
        case namespaces
        case podsPerNamespace = "pods-per-ns"
        case roleBindingsPerNamespace = "rolebindings-per-ns"
        case networkPoliciesPerNamespace = "networkpolicies-per-ns"
        case clusterRoleBindings = "clusterrolebindings"

        var range: ClosedRange<Int> {
            switch self {
            case .namespaces: return 1...20_000
            case .podsPerNamespace: return 0...500
            case .roleBindingsPerNamespace: return 0...500
            case .networkPoliciesPerNamespace: return 0...100
            case .clusterRoleBindings: return 0...200_000
            }
        }
    }
}
