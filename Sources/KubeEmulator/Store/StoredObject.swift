import Foundation

/// One object as the emulator serves it: its list-item JSON, encoded once, plus what selectors need.
struct StoredObject: Sendable {
    /// "" for cluster-scoped objects.
    var namespace: String
    var name: String
    var resourceVersion: Int?
    var labels: [String: String]
    /// Values for field selectors, by field label (e.g. "status.phase").
    var fields: [String: String]
    /// Container names, for pods (spec.initContainers then spec.containers).
    var containers: [String]
    /// The object's JSON without apiVersion and kind: exactly a built-in type's list item. Custom resources
    /// get apiVersion/kind (of the version asked for) put back in lists, as the real server's conversion does.
    var item: [UInt8]

    /// Field labels the emulator can filter on, beyond metadata.name and metadata.namespace.
    static let selectableFields = [
        "status.phase", "spec.nodeName", "spec.serviceAccountName", "spec.restartPolicy", "spec.schedulerName",
        "status.podIP", "type", "reason", "involvedObject.kind", "involvedObject.name", "involvedObject.namespace",
        "involvedObject.uid",
    ]

    /// Reads an object for `type`; `object` must already have passed apiVersion/kind checks.
    init(object: [String: Any], type: ResourceType, source: String) throws {
        guard let metadata = object["metadata"] as? [String: Any], let name = metadata["name"] as? String,
            !name.isEmpty
        else {
            throw KubeEmulatorError.invalidObject(source: source, reason: "metadata.name is missing")
        }
        let namespace = metadata["namespace"] as? String ?? ""
        if type.namespaced && namespace.isEmpty {
            throw KubeEmulatorError.invalidObject(
                source: source,
                reason: "\(type.kind) \(name) is namespaced but has no metadata.namespace"
            )
        }
        if !type.namespaced && !namespace.isEmpty {
            throw KubeEmulatorError.invalidObject(
                source: source,
                reason: "\(type.kind) \(name) is cluster-scoped but has metadata.namespace \(namespace); remove it"
            )
        }
        self.namespace = namespace
        self.name = name
        self.resourceVersion = (metadata["resourceVersion"] as? String).flatMap { Int($0) }
        self.labels = (metadata["labels"] as? [String: Any] ?? [:]).compactMapValues { Self.text($0) }
        var fields = ["metadata.name": name, "metadata.namespace": namespace]
        for (label, path) in Self.selectablePaths {
            if let value = Self.value(at: path, in: object).flatMap(Self.text) {
                fields[label] = value
            }
        }
        self.fields = fields
        let spec = object["spec"] as? [String: Any] ?? [:]
        self.containers = ["initContainers", "containers"].flatMap { key in
            (spec[key] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        }
        var served = object
        served.removeValue(forKey: "apiVersion")
        served.removeValue(forKey: "kind")
        self.item = try JSONBytes.encode(served, source: source)
    }

    /// `{"apiVersion":"<group/version>","kind":"<Kind>",` — the start of an object of `type` served at `version`;
    /// append `item.dropFirst()` to complete it (every item has at least `metadata`).
    static func header(type: ResourceType, version: String) -> [UInt8] {
        var bytes = JSONBytes.encodeFragment(["apiVersion": type.groupVersion(version), "kind": type.kind])
        bytes[bytes.count - 1] = UInt8(ascii: ",")
        return bytes
    }

    /// The JSON of a single-object GET: the item with apiVersion and kind.
    func objectJSON(type: ResourceType, version: String) -> [UInt8] {
        Self.header(type: type, version: version) + item.dropFirst()
    }

    private static let selectablePaths = selectableFields.map { label in
        (label, label.split(separator: ".").map(String.init))
    }

    private static func value(at path: [String], in object: [String: Any]) -> Any? {
        var current: Any? = object
        for component in path {
            current = (current as? [String: Any])?[component]
        }
        return current
    }

    private static func text(_ value: Any) -> String? {
        switch value {
        case let string as String: return string
        case let bool as Bool: return bool ? "true" : "false"
        case let int as Int: return String(int)
        default: return nil
        }
    }
}
