import Foundation

/// A small, fast, seedable PRNG (Steele, Lea & Flood's SplitMix64) with its own range helpers, so generated
/// data never depends on the standard library's (unspecified) `random(in:using:)` algorithms.
package struct SplitMix64: Sendable {
    private var state: UInt64

    package init(seed: UInt64) {
        self.state = seed
    }

    /// An independent stream for `stream` (e.g. a namespace index) and `purpose`, derived from `seed`.
    package init(seed: UInt64, stream: Int, purpose: UInt64) {
        let streamKey = Self.mix(UInt64(truncatingIfNeeded: stream) &+ 0x632B_E59B_D9B4_E019)
        self.state = Self.mix(seed ^ streamKey ^ Self.mix(purpose &+ 0x9E37_79B9_7F4A_7C15))
    }

    /// SplitMix64's finaliser: a bijection on 64 bits with good avalanche.
    package static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A 64-bit FNV-1a hash of `text`: stable across runs and platforms (unlike `Hasher`).
    package static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    package mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A number in `0..<bound` (`bound` > 0).
    package mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A number in `range`.
    package mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.count)
    }

    /// True with probability `percent`/100.
    package mutating func percent(_ percent: Int) -> Bool {
        below(100) < percent
    }

    package mutating func pick<T>(_ choices: [T]) -> T {
        choices[below(choices.count)]
    }

    /// `count` distinct positions of `0..<total` in random order (a partial Fisher–Yates shuffle).
    package mutating func sample(_ count: Int, of total: Int) -> [Int] {
        var positions = Array(0..<total)
        for index in 0..<min(count, total) {
            positions.swapAt(index, index + below(total - index))
        }
        return Array(positions.prefix(count))
    }

    /// `count` lowercase hex digits.
    package mutating func hex(_ count: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        var bits: UInt64 = 0
        for index in 0..<count {
            if index % 16 == 0 { bits = next() }
            bytes.append(Self.hexDigits[Int(bits & 0xF)])
            bits >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `count` characters of the alphabet Kubernetes uses for generated name suffixes (no vowels, no 0/1/3).
    package mutating func suffix(_ count: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        for _ in 0..<count {
            bytes.append(Self.nameAlphabet[below(Self.nameAlphabet.count)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A random (version 4) UUID string.
    package mutating func uuid() -> String {
        let high = next()
        let low = next()
        let timeHigh = (high & 0x0FFF) | 0x4000
        let clock = ((low >> 48) & 0x3FFF) | 0x8000
        return Self.hexString(high >> 32, digits: 8) + "-" + Self.hexString((high >> 16) & 0xFFFF, digits: 4) + "-"
            + Self.hexString(timeHigh, digits: 4) + "-" + Self.hexString(clock, digits: 4) + "-"
            + Self.hexString(low & 0xFFFF_FFFF_FFFF, digits: 12)
    }

    package static func hexString(_ value: UInt64, digits: Int) -> String {
        var bytes = [UInt8](repeating: UInt8(ascii: "0"), count: digits)
        var rest = value
        for index in stride(from: digits - 1, through: 0, by: -1) {
            bytes[index] = hexDigits[Int(rest & 0xF)]
            rest >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
    private static let nameAlphabet = Array("bcdfghjklmnpqrstvwxz2456789".utf8)
}
