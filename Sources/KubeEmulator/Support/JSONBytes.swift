import AuditPackCore
import Foundation

/// JSON encoding helpers that produce bytes ready to be concatenated into responses.
enum JSONBytes {
    /// Encodes a JSON object with sorted keys and unescaped slashes.
    static func encode(_ object: [String: Any], source: String) throws -> [UInt8] {
        var writer = JSONWriter()
        do {
            try writer.write(object)
        } catch {
            throw KubeEmulatorError.invalidObject(source: source, reason: "it cannot be encoded as JSON: \(error)")
        }
        return writer.bytes
    }

    /// Encodes a value the emulator built itself (always representable).
    static func encodeFragment(_ object: Any) -> [UInt8] {
        var writer = JSONWriter()
        guard (try? writer.write(object)) != nil else { return Array("null".utf8) }
        return writer.bytes
    }
}
