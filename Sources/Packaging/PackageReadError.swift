import Foundation

/// Why a package could not be read. `unreadable` means it is not a (complete) ZIP file at all; the
/// others mean a ZIP that is not the package AuditPack wrote: altered, crafted, or damaged.
public enum PackageReadError: Error, CustomStringConvertible, Equatable {
    case unreadable(path: String, reason: String)
    /// The ZIP structure breaks a rule of the package layout, at a byte offset.
    case malformed(path: String, offset: UInt64, rule: String)
    case hostile(name: String, reason: String)
    case missing(name: String)
    case notAPackage(reason: String)

    /// True when the bytes are readable as a ZIP but are not what AuditPack wrote (exit 1, tampered).
    public var isTampering: Bool {
        switch self {
        case .malformed, .hostile: return true
        case .unreadable, .missing, .notAPackage: return false
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "Cannot read \(path): \(reason). Is it an AuditPack package (.zip), copied completely?"
        case .malformed(let path, let offset, let rule):
            return "\(path) is not laid out as AuditPack writes packages, at offset \(offset): \(rule). "
                + "Other ZIP tools could read different contents from it; the package was altered — do not trust it."
        case .hostile(let name, let reason):
            return "Entry \"\(name)\" is unsafe: \(reason). The package was altered; do not trust it."
        case .missing(let name):
            return "The package has no entry \"\(name)\"."
        case .notAPackage(let reason):
            return "Not an AuditPack package: \(reason)."
        }
    }
}
