import Foundation
import Yams

/// Turns multi-document YAML into JSON-compatible values, the way Kubernetes' YAML reader does.
///
/// Scalars keep their YAML 1.1 meaning (int, float, bool, null) except timestamps, which stay strings:
/// Kubernetes objects carry RFC 3339 strings, never YAML dates.
enum YAMLDocuments {
    /// Every non-empty document in `yaml`, as `[String: Any]`/`[Any]`/scalar trees.
    static func parse(_ yaml: String, file: String) throws -> [Any] {
        do {
            var documents: [Any] = []
            // YamlSequence stops at a parse error and keeps it in `error` instead of throwing.
            var sequence = try Yams.compose_all(yaml: yaml)
            while let node = sequence.next() {
                let value = try jsonValue(node, file: file)
                if !(value is NSNull) {
                    documents.append(value)
                }
            }
            if let error = sequence.error {
                throw error
            }
            return documents
        } catch let error as KubeEmulatorError {
            throw error
        } catch {
            throw KubeEmulatorError.invalidYAML(file: file, reason: "\(error)")
        }
    }

    private static func jsonValue(_ node: Node, file: String) throws -> Any {
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar, node: node)
        case .sequence(let sequence):
            return try sequence.map { try jsonValue($0, file: file) }
        case .mapping(let mapping):
            var dictionary: [String: Any] = [:]
            for (key, value) in mapping {
                guard let name = key.string else {
                    throw KubeEmulatorError.invalidYAML(file: file, reason: "a mapping key is not a string")
                }
                dictionary[name] = try jsonValue(value, file: file)
            }
            return dictionary
        case .alias:
            throw KubeEmulatorError.invalidYAML(file: file, reason: "YAML aliases are not supported")
        }
    }

    private static func scalarValue(_ scalar: Node.Scalar, node: Node) -> Any {
        switch Tag.Name(rawValue: node.tag.rawValue) {
        case .null:
            return NSNull()
        case .bool:
            return node.bool ?? scalar.string
        case .int:
            return node.int ?? scalar.string
        case .float:
            guard let number = node.float, number.isFinite else { return scalar.string }
            return number
        default:
            return scalar.string
        }
    }
}
