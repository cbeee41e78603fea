import Foundation
import KubeEmulator

extension GeneratedObject {
    /// Reads a generated object's JSON tree: what the store indexes, and the encoded item. `scratch` is a
    /// reusable encoding buffer; the item gets an exactly sized copy.
    init(_ object: JSONValue, scratch: inout [UInt8]) {
        let metadata = object["metadata"] ?? .empty
        let name = metadata["name"]?.stringValue ?? ""
        let namespace = metadata["namespace"]?.stringValue ?? ""
        var labels: [String: String] = [:]
        for member in metadata["labels"]?.members ?? [] {
            if let text = Self.text(member.value) { labels[member.key] = text }
        }
        var fields = ["metadata.name": name, "metadata.namespace": namespace]
        for label in Self.selectableFields {
            var current: JSONValue? = object
            for component in label.split(separator: ".") {
                current = current?[String(component)]
            }
            if let text = current.flatMap(Self.text) { fields[label] = text }
        }
        let spec = object["spec"]
        let containers = ["initContainers", "containers"].flatMap { key in
            (spec?[key]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        }
        var served = object
        served["apiVersion"] = nil
        served["kind"] = nil
        scratch.removeAll(keepingCapacity: true)
        served.write(to: &scratch)
        self.init(
            apiVersion: object["apiVersion"]?.stringValue ?? "",
            kind: object["kind"]?.stringValue ?? "",
            namespace: namespace,
            name: name,
            resourceVersion: metadata["resourceVersion"]?.stringValue.flatMap { Int($0) },
            labels: labels,
            fields: fields,
            containers: containers,
            item: scratch.withUnsafeBufferPointer { Array($0) }
        )
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
