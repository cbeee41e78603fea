import Foundation

/// An S3 Object Lock retention: COMPLIANCE (nobody, not even the account root, can shorten or delete it)
/// or GOVERNANCE (users with a bypass permission can), until a date.
public struct ObjectLock: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable {
        case compliance = "COMPLIANCE"
        case governance = "GOVERNANCE"
    }

    public var mode: Mode
    public var retainUntil: Date

    public init(mode: Mode, retainUntil: Date) {
        self.mode = mode
        // S3 keeps retain-until dates to the second.
        self.retainUntil = Date(timeIntervalSince1970: retainUntil.timeIntervalSince1970.rounded(.up))
    }

    /// ISO 8601 with seconds, UTC: what the lock headers carry.
    public var retainUntilText: String { Self.format(retainUntil) }

    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
