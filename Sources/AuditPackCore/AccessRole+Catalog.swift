import Foundation

extension AccessRole {
    /// The role for `controls` (all when nil): the run's own reads, then one rule per resource type the
    /// items read, in catalog order, verbs merged.
    public init(catalog: Catalog, controls selected: Set<String>? = nil, name: String = Self.defaultName) {
        var rules: [Rule] = []
        for read in catalog.runReads ?? [] {
            rules.append(Self.rule(read, serves: ["run: " + (read.serves ?? "")]))
        }
        struct Key: Hashable {
            var group: String
            var resource: String
            var names: [String]?
        }
        var order: [Key] = []
        var verbs: [Key: [String]] = [:]
        var serves: [Key: [String]] = [:]
        var scopes: [Key: Set<String>] = [:]
        for (_, item) in catalog.items(of: selected) {
            for read in catalog.reads(of: item) {
                let key = Key(group: read.group ?? "", resource: read.resource ?? "", names: read.resourceNames)
                if verbs[key] == nil { order.append(key) }
                for verb in read.verbs where !(verbs[key]?.contains(verb) ?? false) {
                    verbs[key, default: []].append(verb)
                }
                let line = item.id.padding(toLength: 5, withPad: " ", startingAt: 0) + " " + item.description
                if !(serves[key]?.contains(line) ?? false) { serves[key, default: []].append(line) }
                scopes[key, default: []].insert(Self.scope(of: read))
            }
        }
        for key in order {
            let scope = scopes[key] ?? []
            let narrower = scope.count == 1 && scope.first.map { !$0.isEmpty } == true ? scope.first : nil
            rules.append(
                Rule(
                    apiGroups: [key.group],
                    resources: [key.resource],
                    resourceNames: key.names,
                    verbs: Self.ordered(verbs[key] ?? []),
                    serves: serves[key] ?? [],
                    narrowerThanRule: narrower
                )
            )
        }
        let ids = catalog.controls.map(\.id).filter { selected?.contains($0) ?? true }
        self.init(name: name, controls: ids, rules: rules)
    }

    static func rule(_ read: APIRead, serves: [String]) -> Rule {
        if let urls = read.nonResourceURLs {
            return Rule(apiGroups: [], resources: [], nonResourceURLs: urls, verbs: read.verbs, serves: serves)
        }
        return Rule(
            apiGroups: [read.group ?? ""],
            resources: [read.resource ?? ""],
            resourceNames: read.resourceNames,
            verbs: ordered(read.verbs),
            serves: serves,
            narrowerThanRule: scope(of: read).isEmpty ? nil : scope(of: read)
        )
    }

    /// What a read is narrowed to that RBAC cannot express in a ClusterRole ("" when nothing).
    static func scope(of read: APIRead) -> String {
        var parts: [String] = []
        if let namespace = read.namespace { parts.append("namespace \(namespace)") }
        if let selector = read.labelSelector { parts.append("label \(selector)") }
        return parts.joined(separator: ", ")
    }

    /// get before list before create, as kubectl prints them.
    static func ordered(_ verbs: [String]) -> [String] {
        let rank = ["get": 0, "list": 1, "create": 2]
        return verbs.sorted { (rank[$0] ?? 9, $0) < (rank[$1] ?? 9, $1) }
    }
}
