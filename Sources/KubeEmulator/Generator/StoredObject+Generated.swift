import Foundation

extension StoredObject {
    /// Reads a generated object for `type`, like ``init(object:type:source:)`` does for parsed ones.
    /// `scratch` is a reusable encoding buffer; the stored item gets an exactly sized copy.
    init(generated object: JSONValue, type: ResourceType, source: String, scratch: inout [UInt8]) throws {
        let metadata = object["metadata"] ?? .empty
        guard let name = metadata["name"]?.stringValue, !name.isEmpty else {
            throw KubeEmulatorError.invalidObject(source: source, reason: "metadata.name is missing")
        }
        let namespace = metadata["namespace"]?.stringValue ?? ""
        guard type.namespaced == !namespace.isEmpty else {
            throw KubeEmulatorError.invalidObject(
                source: source,
                reason: "\(type.kind) \(name) has the wrong scope (namespace \"\(namespace)\")"
            )
        }
        self.namespace = namespace
        self.name = name
        self.resourceVersion = metadata["resourceVersion"]?.stringValue.flatMap { Int($0) }
        var labels: [String: String] = [:]
        for member in metadata["labels"]?.members ?? [] {
            if let text = Self.text(member.value) { labels[member.key] = text }
        }
        self.labels = labels
        var fields = ["metadata.name": name, "metadata.namespace": namespace]
        for label in Self.selectableFields {
            var current: JSONValue? = object
            for component in label.split(separator: ".") {
                current = current?[String(component)]
            }
            if let text = current.flatMap(Self.text) { fields[label] = text }
        }
        self.fields = fields
        let spec = object["spec"]
        self.containers = ["initContainers", "containers"].flatMap { key in
            (spec?[key]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        }
        var served = object
        served["apiVersion"] = nil
        served["kind"] = nil
        scratch.removeAll(keepingCapacity: true)
        served.write(to: &scratch)
        self.item = scratch.withUnsafeBufferPointer { Array($0) }
    }

    private static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let string): return string
        case .bool(let bool): return bool ? "true" : "false"
        case .int(let int): return String(int)
        default: return nil
        }
    }
}
