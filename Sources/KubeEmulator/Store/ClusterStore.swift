import Foundation

/// An immutable snapshot of every object (and pod log) the emulator serves.
///
/// Each object's JSON is encoded once when the store is built; lists are served by concatenating those bytes.
public struct ClusterStore: Sendable {
    /// Objects by type key ("group/resource"), sorted by namespace then name.
    var tables: [String: ResourceTable]
    /// Types defined by CustomResourceDefinitions among the objects.
    var customTypes: [ResourceType]
    /// The API group of each CRD object, by CRD name.
    var crdGroups: [String: String]
    /// Built-in groups removed with ``removingGroup(_:)``.
    var hiddenGroups: Set<String>
    var logs: [LogKey: String]
    /// What discovery serves.
    var catalog: APICatalog
    var storeVersion: Int

    /// The resourceVersion lists report: the highest object resourceVersion (at least 1).
    public var resourceVersion: String { String(storeVersion) }

    /// How many objects the store holds, over all types.
    public var objectCount: Int {
        tables.values.reduce(0) { $0 + $1.objects.count }
    }

    /// An empty cluster (built-in types only, no objects).
    public init() {
        self.tables = [:]
        self.customTypes = []
        self.crdGroups = [:]
        self.hiddenGroups = []
        self.logs = [:]
        self.catalog = APICatalog(customTypes: [], hiddenGroups: [])
        self.storeVersion = 1
    }

    /// A store holding the given objects (JSON, one object or `kind: List` per element) and pod logs.
    ///
    /// Throws ``KubeEmulatorError`` if an object is malformed, of an unknown kind, or repeated.
    public init(objectsJSON: [Data], logs: [LogKey: String] = [:]) throws {
        self = try ClusterStore().adding(objectsJSON: objectsJSON)
        self.logs = logs
    }

    /// Every object of `kind` (e.g. "Secret"), as a single GET returns it (with apiVersion and kind),
    /// sorted by namespace then name.
    public func objects(kind: String) -> [Data] {
        tables.values.filter { $0.type.kind == kind }.sorted { $0.type.key < $1.type.key }.flatMap { table in
            table.objects.map { Data($0.objectJSON(type: table.type, version: table.type.preferredVersion)) }
        }
    }

    /// Every object of `resource` in `group` ("" for core), as a single GET returns it.
    public func objects(group: String, resource: String) -> [Data] {
        guard let table = tables["\(group)/\(resource)"] else { return [] }
        return table.objects.map { Data($0.objectJSON(type: table.type, version: table.type.preferredVersion)) }
    }

    /// The names of every object of `kind`, as "namespace/name" (or "name" when cluster-scoped), in serving order.
    public func objectNames(kind: String) -> [String] {
        tables.values.filter { $0.type.kind == kind }.sorted { $0.type.key < $1.type.key }.flatMap { table in
            table.objects.map { $0.namespace.isEmpty ? $0.name : "\($0.namespace)/\($0.name)" }
        }
    }

    /// The kinds that have at least one object.
    public var kinds: [String] {
        Set(tables.values.filter { !$0.objects.isEmpty }.map(\.type.kind)).sorted()
    }

    /// The API groups served (built-in and CRD), "" for core included.
    public var servedGroups: [String] {
        [""] + catalog.groups.map(\.name)
    }

    /// The log of one container, if the store has it.
    public func log(namespace: String, pod: String, container: String) -> String? {
        logs[LogKey(namespace: namespace, pod: pod, container: container)]
    }

    /// Every pod log in the store.
    public var allLogs: [LogKey: String] { logs }

    /// The uid of the kube-system Namespace, which AuditPack records as the cluster id.
    public var clusterID: String? {
        guard let table = tables["/namespaces"], let object = table.object(namespace: "", name: "kube-system"),
            let json = try? JSONSerialization.jsonObject(with: Data(object.item)) as? [String: Any]
        else { return nil }
        return (json["metadata"] as? [String: Any])?["uid"] as? String
    }

    /// The type served at `group`/`resource`, if any.
    func type(group: String, resource: String) -> ResourceType? {
        catalog.byResource["\(group)/\(resource)"]
    }
}

extension ClusterStore: CustomStringConvertible {
    /// A one-line summary (object count, resourceVersion, custom groups), not the whole store.
    public var description: String {
        let custom = Set(customTypes.map(\.group)).sorted()
        return "ClusterStore(\(objectCount) objects, resourceVersion \(resourceVersion), "
            + "CRD groups: \(custom.isEmpty ? "none" : custom.joined(separator: ", ")))"
    }
}
