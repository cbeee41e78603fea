import AuditPackCore
import Foundation

/// A JSON tree as the generator builds it. Typed, so encoding needs no dynamic casts (the `[String: Any]` path
/// spends most of its time casting and hashing); objects keep their members in an array and are written with
/// sorted keys, byte for byte as ``JSONWriter`` writes the same tree.
///
/// Literals work as usual: `["name": "web", "ports": [["containerPort": 8080]]]`; wrap variables with
/// `.string(name)`, ``map(_:)`` or ``strings(_:)``.
enum JSONValue: Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])

    /// An object from a string map.
    static func map(_ map: [String: String]) -> JSONValue {
        .object(map.map { (key: $0.key, value: .string($0.value)) })
    }

    /// An array of strings.
    static func strings(_ strings: [String]) -> JSONValue {
        .array(strings.map(JSONValue.string))
    }

    /// An empty object (`{}`).
    static var empty: JSONValue { .object([]) }

    /// The member `key` of an object (nil for other values); setting nil removes it.
    subscript(key: String) -> JSONValue? {
        get {
            guard case .object(let members) = self else { return nil }
            return members.first { $0.key == key }?.value
        }
        set {
            guard case .object(var members) = self else { return }
            if let index = members.firstIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append((key, newValue))
            }
            self = .object(members)
        }
    }

    var stringValue: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    var arrayValue: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    var members: [(key: String, value: JSONValue)]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// A tree read by JSONSerialization (numbers are told apart like ``JSONWriter`` does). Nil if `any` holds
    /// something JSON cannot represent.
    init?(any: Any) {
        switch any {
        case let string as String:
            self = .string(string)
        case let dictionary as [String: Any]:
            var members: [(key: String, value: JSONValue)] = []
            for (key, value) in dictionary {
                guard let converted = JSONValue(any: value) else { return nil }
                members.append((key, converted))
            }
            self = .object(members)
        case let array as [Any]:
            var elements: [JSONValue] = []
            for element in array {
                guard let converted = JSONValue(any: element) else { return nil }
                elements.append(converted)
            }
            self = .array(elements)
        case is NSNull:
            self = .null
        case let number as NSNumber:
            switch String(cString: number.objCType) {
            case "c", "B": self = .bool(number.boolValue)
            case "d", "f": self = .double(number.doubleValue)
            default: self = .int(number.intValue)
            }
        default:
            return nil
        }
    }

    /// Compact JSON with sorted keys and unescaped slashes, appended to `bytes`.
    func write(to bytes: inout [UInt8]) {
        switch self {
        case .string(let string):
            Self.write(string, to: &bytes)
        case .int(let int):
            bytes.append(contentsOf: String(int).utf8)
        case .double(let double):
            bytes.append(contentsOf: (double.isFinite ? "\(double)" : "null").utf8)
        case .bool(let bool):
            bytes.append(contentsOf: bool ? Self.trueBytes : Self.falseBytes)
        case .null:
            bytes.append(contentsOf: Self.nullBytes)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                element.write(to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            var sorted = true
            for index in members.indices.dropFirst() where members[index - 1].key >= members[index].key {
                sorted = false
                break
            }
            let ordered = sorted ? members : members.sorted { $0.key < $1.key }
            for (index, member) in ordered.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.write(member.key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                member.value.write(to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// The compact JSON text.
    var text: String {
        var bytes: [UInt8] = []
        write(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let nullBytes = Array("null".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string literal, escaped exactly as ``JSONWriter`` escapes it.
    private static func write(_ string: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var contiguous = string
        contiguous.withUTF8 { buffer in
            if !buffer.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                bytes.append(contentsOf: buffer)
                return
            }
            var start = 0
            for (index, byte) in buffer.enumerated() {
                let escape: [UInt8]
                switch byte {
                case UInt8(ascii: "\""): escape = [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
                case UInt8(ascii: "\\"): escape = [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                case UInt8(ascii: "\n"): escape = [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                case UInt8(ascii: "\r"): escape = [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                case UInt8(ascii: "\t"): escape = [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                case 0..<0x20:
                    escape = Array("\\u00".utf8) + [hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
                default:
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
                bytes.append(contentsOf: escape)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JSONValue: ExpressibleByStringInterpolation {
    init(stringLiteral value: String) {
        self = .string(value)
    }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    init(integerLiteral value: Int) {
        self = .int(value)
    }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension JSONValue: ExpressibleByArrayLiteral {
    init(arrayLiteral elements: JSONValue...) {
        self = .array(elements)
    }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(elements.map { (key: $0.0, value: $0.1) })
    }
}
