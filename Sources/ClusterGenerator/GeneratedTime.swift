import Foundation
import KubeEmulator

/// Timestamps for generated objects: seconds since 2026-01-01T00:00:00Z, printed as Kubernetes does
/// (`2026-10-12T06:27:51Z`). Like the sample cluster, everything happens in 2026 before the snapshot
/// (2026-10-31T22:47Z); no clock is read.
struct GeneratedTime: Comparable {
    var seconds: Int

    static let day = 86_400
    static let hour = 3_600

    /// 2026-03-11: the first generated namespaces appear after the sample's apps (2026-03-10).
    static let firstNamespace = GeneratedTime(day: 69)
    /// 2026-09-30: the last namespace.
    static let lastNamespace = GeneratedTime(day: 272)
    /// 2026-10-12: the nodes were rebooted for a kernel update; most pods date from then.
    static let reboot = GeneratedTime(day: 284)
    /// 2026-10-31T22:47:00Z: the snapshot.
    static let snapshot = GeneratedTime(day: 303, hour: 22, minute: 47)

    init(seconds: Int) {
        self.seconds = seconds
    }

    /// `day` is zero-based within 2026 (0 = January 1st).
    init(day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.seconds = day * Self.day + hour * Self.hour + minute * 60 + second
    }

    static func < (lhs: GeneratedTime, rhs: GeneratedTime) -> Bool {
        lhs.seconds < rhs.seconds
    }

    func adding(seconds delta: Int) -> GeneratedTime {
        GeneratedTime(seconds: seconds + delta)
    }

    /// A random time in `range`.
    static func random(in range: ClosedRange<GeneratedTime>, using rng: inout SplitMix64) -> GeneratedTime {
        GeneratedTime(seconds: rng.int(in: range.lowerBound.seconds...range.upperBound.seconds))
    }

    /// RFC 3339 in UTC, e.g. `2026-10-12T06:27:51Z`.
    var text: String {
        var dayOfYear = seconds / Self.day
        let secondOfDay = seconds % Self.day
        var month = 0
        while month < 11 && dayOfYear >= Self.monthLengths[month] {
            dayOfYear -= Self.monthLengths[month]
            month += 1
        }
        return "2026-\(Self.two(month + 1))-\(Self.two(dayOfYear + 1))T\(Self.two(secondOfDay / Self.hour)):"
            + "\(Self.two(secondOfDay % Self.hour / 60)):\(Self.two(secondOfDay % 60))Z"
    }

    private static let monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    private static func two(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
