import Foundation

/// The API groups, versions and types a store serves, indexed for routing and discovery.
struct APICatalog: Sendable {
    /// A served API group (not the core group) with its versions, preferred first.
    struct Group: Sendable {
        var name: String
        var versions: [String]
    }

    /// Every served type, built-in ones first in a real server's order, then custom ones.
    let types: [ResourceType]
    /// Types by "group/resource".
    let byResource: [String: ResourceType]
    /// Types by "group/Kind".
    let byKind: [String: ResourceType]
    /// Named groups in `/apis` order.
    let groups: [Group]

    init(customTypes: [ResourceType], hiddenGroups: Set<String>) {
        let builtins = ResourceType.builtins.filter { !hiddenGroups.contains($0.group) }
        let custom = customTypes.filter { !hiddenGroups.contains($0.group) }
            .sorted { ($0.group, $0.resource) < ($1.group, $1.resource) }
        let types = builtins + custom
        self.types = types
        self.byResource = Dictionary(types.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        self.byKind = Dictionary(types.map { ("\($0.group)/\($0.kind)", $0) }, uniquingKeysWith: { first, _ in first })

        var versionsByGroup: [String: Set<String>] = [:]
        for type in types where !type.group.isEmpty {
            versionsByGroup[type.group, default: []].formUnion(type.versions)
        }
        let builtinOrder = ResourceType.builtinGroupOrder.filter { versionsByGroup[$0] != nil }
        let customOrder = versionsByGroup.keys.filter { !ResourceType.builtinGroupOrder.contains($0) }.sorted()
        self.groups = (builtinOrder + customOrder).map { name in
            Group(name: name, versions: VersionPriority.sorted(Array(versionsByGroup[name] ?? [])))
        }
    }

    /// The named group, if served.
    func group(_ name: String) -> Group? {
        groups.first { $0.name == name }
    }

    /// Whether `group`/`version` is served ("" group means the core group, version v1).
    func serves(group: String, version: String) -> Bool {
        if group.isEmpty { return version == "v1" && types.contains { $0.group.isEmpty } }
        return self.group(group)?.versions.contains(version) ?? false
    }

    /// The types served in `group`/`version`, in discovery order.
    func types(group: String, version: String) -> [ResourceType] {
        types.filter { $0.group == group && $0.versions.contains(version) }
    }
}
