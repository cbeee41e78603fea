import Foundation

/// Files generated objects into a store one at a time: each object is encoded as soon as it arrives, so only
/// its JSON bytes stay in memory, and the tables are sorted once at the end.
///
/// The batched counterpart of ``ClusterStore/adding(objectsJSON:)`` for objects a generator built itself
/// (no JSON parsing, no CRDs among them, one sort per type).
package struct ObjectSink: Sendable {
    private let base: ClusterStore
    private var types: [String: ResourceType] = [:]
    private var added: [String: [StoredObject]] = [:]
    private var seen: Set<String> = []
    private var highest: Int
    /// Objects filed so far.
    package private(set) var count = 0

    package init(base: ClusterStore) {
        self.base = base
        self.highest = base.storeVersion
    }

    /// The highest resourceVersion of the base store's objects.
    package var baseVersion: Int { base.storeVersion }

    /// Files one object. Throws if its kind is unknown or it repeats an object.
    package mutating func add(_ object: GeneratedObject) throws {
        let kind = object.kind
        let type = try resolve(apiVersion: object.apiVersion, kind: kind)
        let namespace = object.namespace
        let name = object.name
        let source = "generated \(kind) \(namespace.isEmpty ? "" : namespace + "/")\(name)"
        let stored = try StoredObject(generated: object, type: type, source: source)
        let identity = "\(type.key) \(ResourceTable.key(namespace, name))"
        guard seen.insert(identity).inserted,
            base.tables[type.key]?.object(namespace: namespace, name: name) == nil
        else {
            throw KubeEmulatorError.duplicateObject(source: source, object: "\(kind) \(name)")
        }
        highest = max(highest, stored.resourceVersion ?? 0)
        added[type.key, default: []].append(stored)
        count += 1
    }

    /// Adds the objects another sink (over the same base) filed. Throws if both filed the same object.
    package mutating func merge(_ other: ObjectSink) throws {
        for identity in other.seen where !seen.insert(identity).inserted {
            throw KubeEmulatorError.duplicateObject(source: "generated objects", object: identity)
        }
        for (key, objects) in other.added {
            added[key, default: []].append(contentsOf: objects)
        }
        highest = max(highest, other.highest)
        count += other.count
    }

    /// The base store plus every filed object.
    package func finish() -> ClusterStore {
        var store = base
        for (key, objects) in added {
            guard let type = base.catalog.byResource[key] else { continue }
            store.tables[key] = ResourceTable(type: type, objects: (base.tables[key]?.objects ?? []) + objects)
        }
        store.storeVersion = count == 0 ? base.storeVersion : max(highest, base.storeVersion + 1)
        return store
    }

    private mutating func resolve(apiVersion: String, kind: String) throws -> ResourceType {
        let cacheKey = "\(apiVersion) \(kind)"
        if let type = types[cacheKey] { return type }
        let parts = apiVersion.split(separator: "/", maxSplits: 1).map(String.init)
        let (group, version) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts.first ?? "")
        guard let type = base.catalog.byKind["\(group)/\(kind)"], type.versions.contains(version) else {
            throw KubeEmulatorError.unknownKind(source: "generated \(kind)", apiVersion: apiVersion, kind: kind)
        }
        types[cacheKey] = type
        return type
    }
}
