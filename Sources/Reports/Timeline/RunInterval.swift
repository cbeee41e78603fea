import Foundation

/// `--expect-every` values: a number and a unit, e.g. `24h`, `30m`, `7d`, `1w`, `90s`.
public enum RunInterval {
    static let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800]

    /// Seconds, or nil when `text` is not a positive number followed by s, m, h, d or w.
    public static func parse(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let factor = units[unit], let number = Double(text.dropLast()), number > 0,
            number.isFinite
        else { return nil }
        return number * factor
    }
}
