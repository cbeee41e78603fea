import Foundation

/// `metadata.managedFields` entries (server-side apply bookkeeping) derived from the fields a manager set,
/// in the `FieldsV1` shape the API server returns: `f:<field>` for map keys, `k:{…}` for list items keyed by
/// their merge key, `.` for maps and items owned as a whole. Field sets stop four levels down (deeper fields
/// are folded into their parent) to keep objects at realistic sizes.
enum ManagedFields {
    static let depth = 4

    /// One entry: `manager` set `fields` (a partial object, e.g. `["spec": …]`) at `time`.
    static func entry(
        manager: String,
        operation: String = "Update",
        apiVersion: String,
        time: GeneratedTime,
        subresource: String? = nil,
        fields: JSONValue
    ) -> JSONValue {
        var entry: JSONValue = [
            "apiVersion": .string(apiVersion), "fieldsType": "FieldsV1",
            "fieldsV1": set(of: fields.members ?? [], level: 1), "manager": .string(manager),
            "operation": .string(operation), "time": .string(time.text),
        ]
        if let subresource { entry["subresource"] = .string(subresource) }
        return entry
    }

    /// The field set of an object's members at `level` (1 = top level, which has no `.` entry).
    private static func set(of members: [(key: String, value: JSONValue)], level: Int) -> JSONValue {
        var result: [(key: String, value: JSONValue)] = level > 1 ? [(".", .empty)] : []
        result.reserveCapacity(members.count + 1)
        for member in members {
            result.append(("f:\(member.key)", set(of: member.value, level: level + 1)))
        }
        return .object(result)
    }

    private static func set(of value: JSONValue, level: Int) -> JSONValue {
        guard level <= depth else { return .empty }
        switch value {
        case .object(let members):
            return members.isEmpty ? .empty : set(of: members, level: level)
        case .array(let items):
            var result: [(key: String, value: JSONValue)] = []
            for item in items {
                guard let key = itemKey(item) else { return .empty }
                result.append((key, level < depth ? set(of: item.members ?? [], level: level + 1) : .empty))
            }
            return .object(result)
        default:
            return .empty
        }
    }

    /// Merge keys of list items, in the order Kubernetes' types use them.
    private static let mergeKeys = ["uid", "mountPath", "devicePath", "name", "type", "ip"]

    /// `k:{"name":"web"}`, or `k:{"containerPort":8080,"protocol":"TCP"}` for ports; nil makes the list atomic.
    private static func itemKey(_ item: JSONValue) -> String? {
        guard case .object = item else { return nil }
        if case .int(let port)? = item["containerPort"] {
            return "k:{\"containerPort\":\(port),\"protocol\":\"\(item["protocol"]?.stringValue ?? "TCP")\"}"
        }
        for key in mergeKeys {
            if let value = item[key]?.stringValue {
                return "k:{\"\(key)\":\"\(value)\"}"
            }
        }
        return nil
    }
}
