import Foundation

extension ClusterStore {
    /// An object read from a file or JSON, with where it came from (for error messages).
    struct SourcedObject {
        var source: String
        var object: [String: Any]
    }

    /// This store plus the given objects (JSON, one object or `kind: List` per element).
    ///
    /// CRDs among them define new types. Throws ``KubeEmulatorError`` if an object is malformed,
    /// of an unknown kind, or already present.
    public func adding(objectsJSON: [Data]) throws -> ClusterStore {
        let documents = try objectsJSON.enumerated().map { index, data in
            let source = "objectsJSON[\(index)]"
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw KubeEmulatorError.invalidObject(source: source, reason: "it is not a JSON object")
            }
            return SourcedObject(source: source, object: object)
        }
        return try adding(documents)
    }

    /// This store plus the given pod logs (replacing logs with the same key).
    public func adding(logs newLogs: [LogKey: String]) -> ClusterStore {
        var copy = self
        copy.logs.merge(newLogs) { _, new in new }
        return copy
    }

    /// This store without an API group: its CRDs, custom objects and (for a built-in group) its types vanish,
    /// as if the CRD was never installed. Requests to the group then get 404.
    public func removingGroup(_ group: String) -> ClusterStore {
        var copy = self
        copy.customTypes.removeAll { $0.group == group }
        let removedCRDs = Set(crdGroups.filter { $0.value == group }.keys)
        copy.crdGroups = crdGroups.filter { $0.value != group }
        if ResourceType.builtins.contains(where: { $0.group == group }) {
            copy.hiddenGroups.insert(group)
        }
        copy.tables = tables.filter { $0.value.type.group != group }
        let crdKey = "apiextensions.k8s.io/customresourcedefinitions"
        if let crds = copy.tables[crdKey], !removedCRDs.isEmpty {
            copy.tables[crdKey] = ResourceTable(
                type: crds.type,
                objects: crds.objects.filter { !removedCRDs.contains($0.name) }
            )
        }
        copy.catalog = APICatalog(customTypes: copy.customTypes, hiddenGroups: copy.hiddenGroups)
        return copy
    }

    /// Adds parsed objects: expands Lists, registers CRDs first, then files every object under its type.
    func adding(_ documents: [SourcedObject]) throws -> ClusterStore {
        var copy = self
        let objects = try documents.flatMap(Self.expandLists)
        for document in objects where Self.isCRD(document.object) {
            let type = try ResourceType(customResourceDefinition: document.object, source: document.source)
            copy.customTypes.removeAll { $0.key == type.key }
            copy.customTypes.append(type)
            let name = (document.object["metadata"] as? [String: Any])?["name"] as? String ?? type.key
            copy.crdGroups[name] = type.group
        }
        copy.catalog = APICatalog(customTypes: copy.customTypes, hiddenGroups: copy.hiddenGroups)

        var grouped: [String: [StoredObject]] = [:]
        var seen: [String: String] = [:]
        var highest = storeVersion
        for document in objects {
            let type = try copy.resolveType(document)
            let stored = try StoredObject(object: document.object, type: type, source: document.source)
            let identity = "\(type.key) \(ResourceTable.key(stored.namespace, stored.name))"
            if let earlier = seen[identity]
                ?? (tables[type.key]?.object(namespace: stored.namespace, name: stored.name)
                    .map { _ in "the store" })
            {
                throw KubeEmulatorError.duplicateObject(
                    source: document.source,
                    object: "\(type.kind) \(stored.namespace.isEmpty ? "" : stored.namespace + "/")\(stored.name) "
                        + "(first defined in \(earlier))"
                )
            }
            seen[identity] = document.source
            highest = max(highest, stored.resourceVersion ?? 0)
            grouped[type.key, default: []].append(stored)
        }
        for (key, added) in grouped {
            guard let type = copy.catalog.byResource[key] else { continue }
            copy.tables[key] = ResourceTable(type: type, objects: (tables[key]?.objects ?? []) + added)
        }
        copy.storeVersion = objects.isEmpty ? storeVersion : max(highest, storeVersion + 1)
        return copy
    }

    private func resolveType(_ document: SourcedObject) throws -> ResourceType {
        guard let apiVersion = document.object["apiVersion"] as? String, !apiVersion.isEmpty,
            let kind = document.object["kind"] as? String, !kind.isEmpty
        else {
            throw KubeEmulatorError.invalidObject(source: document.source, reason: "apiVersion or kind is missing")
        }
        let parts = apiVersion.split(separator: "/", maxSplits: 1).map(String.init)
        let (group, version) = parts.count == 2 ? (parts[0], parts[1]) : ("", parts[0])
        guard let type = catalog.byKind["\(group)/\(kind)"], type.versions.contains(version) else {
            throw KubeEmulatorError.unknownKind(source: document.source, apiVersion: apiVersion, kind: kind)
        }
        return type
    }

    private static func isCRD(_ object: [String: Any]) -> Bool {
        object["kind"] as? String == "CustomResourceDefinition"
            && (object["apiVersion"] as? String)?.hasPrefix("apiextensions.k8s.io/") == true
    }

    private static func expandLists(_ document: SourcedObject) throws -> [SourcedObject] {
        guard let kind = document.object["kind"] as? String, kind == "List" || kind.hasSuffix("List"),
            document.object["items"] != nil
        else { return [document] }
        guard let items = document.object["items"] as? [[String: Any]] else {
            throw KubeEmulatorError.invalidObject(
                source: document.source,
                reason: "\(kind).items is not a list of objects"
            )
        }
        // Items of a typed list (e.g. PodList from the API) lack apiVersion/kind; take them from the list.
        let itemKind = kind == "List" ? nil : String(kind.dropLast(4))
        return items.enumerated().map { index, item in
            var item = item
            if item["kind"] == nil, let itemKind {
                item["kind"] = itemKind
                item["apiVersion"] = item["apiVersion"] ?? document.object["apiVersion"]
            }
            return SourcedObject(source: "\(document.source) items[\(index)]", object: item)
        }
    }
}
