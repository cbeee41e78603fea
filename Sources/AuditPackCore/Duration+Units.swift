/// The one conversion of a `Duration` to the units logs, reports and messages show.
extension Duration {
    /// Whole milliseconds, truncated.
    public var inMilliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1_000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    /// Seconds, with the fraction.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
