import Foundation

/// RFC 3339 timestamps as Kubernetes writes them (`2026-11-27T18:58:37Z`, optionally with fractions).
public enum Timestamp {
    // Format styles are values: built once, shared (ISO8601DateFormatter per call was a hot spot on
    // lists of thousands of reports).
    private static let plain = Date.ISO8601FormatStyle()
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public static func parse(_ text: String) -> Date? {
        (try? plain.parse(text)) ?? (try? fractional.parse(text))
    }

    /// `2026-11-27T18:58:37Z` (whole seconds, UTC).
    public static func format(_ date: Date) -> String {
        plain.format(date)
    }
}
