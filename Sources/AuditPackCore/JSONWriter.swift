import Foundation

/// A fast JSON writer for `[String: Any]` trees (as JSONSerialization or the YAML reader produce them):
/// sorted keys, no insignificant whitespace, slashes unescaped. Several times faster than
/// `JSONSerialization.data` on Linux, which matters when a store holds 100,000 objects.
public struct JSONWriter {
    /// A value that has no JSON form (e.g. a date object, NaN).
    public struct Unrepresentable: Error, CustomStringConvertible {
        let value: String
        public var description: String { "\(value) has no JSON representation" }
    }

    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func write(_ value: Any) throws {
        // Values built in Swift (e.g. by the cluster generator): casting to a value's own type is cheap, while
        // the general cases below convert (an Int to NSNumber, [[String: Any]] to [Any]) and allocate.
        let dynamicType = type(of: value)
        if dynamicType == Int.self, let int = value as? Int {
            bytes.append(contentsOf: String(int).utf8)
            return
        }
        if dynamicType == Bool.self, let bool = value as? Bool {
            bytes.append(contentsOf: bool ? Self.true : Self.false)
            return
        }
        if dynamicType == [[String: Any]].self, let array = value as? [[String: Any]] {
            try writeArray(array)
            return
        }
        if dynamicType == [String: String].self, let dictionary = value as? [String: String] {
            try writeObject(dictionary)
            return
        }
        if dynamicType == [String].self, let strings = value as? [String] {
            try writeArray(strings)
            return
        }
        switch value {
        case let string as String:
            writeString(string)
        case let dictionary as [String: Any]:
            try writeObject(dictionary)
        case let array as [Any]:
            try writeArray(array)
        case is NSNull:
            bytes.append(contentsOf: Self.null)
        case let number as NSNumber:
            try writeNumber(number)
        case let optional as Any? where optional == nil:
            bytes.append(contentsOf: Self.null)
        default:
            throw Unrepresentable(value: "\(type(of: value))")
        }
    }

    private static let null = Array("null".utf8)
    private static let `true` = Array("true".utf8)
    private static let `false` = Array("false".utf8)

    /// An object with sorted keys.
    private mutating func writeObject<Value>(_ dictionary: [String: Value]) throws {
        bytes.append(UInt8(ascii: "{"))
        var first = true
        for key in dictionary.keys.sorted() {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            writeString(key)
            bytes.append(UInt8(ascii: ":"))
            if let value = dictionary[key] { try write(value) }
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func writeArray<Element>(_ array: [Element]) throws {
        bytes.append(UInt8(ascii: "["))
        var first = true
        for element in array {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            try write(element)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// Booleans (Swift `Bool` and JSON-parsed ones) report objCType "c"; doubles "d"/"f"; the rest are integers.
    private mutating func writeNumber(_ number: NSNumber) throws {
        switch String(cString: number.objCType) {
        case "c", "B":
            bytes.append(contentsOf: number.boolValue ? Self.true : Self.false)
        case "d", "f":
            let double = number.doubleValue
            guard double.isFinite else { throw Unrepresentable(value: "\(double)") }
            bytes.append(contentsOf: Array("\(double)".utf8))
        case "Q", "L", "I", "S":
            bytes.append(contentsOf: Array(String(number.uint64Value).utf8))
        default:
            bytes.append(contentsOf: Array(String(number.int64Value).utf8))
        }
    }

    private mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escaping: copy their UTF-8 in one go.
        var contiguous = string
        let copied = contiguous.withUTF8 { buffer -> Bool in
            for byte in buffer where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return false
            }
            bytes.append(contentsOf: buffer)
            return true
        }
        if copied {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

extension JSONWriter {
    /// `value` as compact JSON with sorted keys.
    public static func data(_ value: Any) throws -> Data {
        var writer = JSONWriter()
        try writer.write(value)
        return Data(writer.bytes)
    }
}
