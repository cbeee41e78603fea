import Foundation

/// Why manifest.json cannot be used: it is not JSON, a field is missing or has the wrong type, or its
/// content contradicts itself (an id or file listed twice). Each case names the field.
public enum ManifestError: Error, CustomStringConvertible, Equatable {
    case notJSON(reason: String)
    case missingField(String)
    case wrongType(field: String, expected: String)
    case invalidValue(field: String, reason: String)

    public var description: String {
        let fix = "The package was not written by AuditPack or was altered; collect a new one."
        switch self {
        case .notJSON(let reason):
            return "manifest.json is not valid JSON (\(reason)). \(fix)"
        case .missingField(let field):
            return "manifest.json lacks the field \(field). \(fix)"
        case .wrongType(let field, let expected):
            return "manifest.json's field \(field) is not \(expected). \(fix)"
        case .invalidValue(let field, let reason):
            return "manifest.json's field \(field) \(reason). \(fix)"
        }
    }
}
