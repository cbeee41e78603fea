import Foundation

/// Byte-level mutations in the style of libFuzzer's: flips, interesting values in header-sized fields,
/// inserted, erased and duplicated ranges, splices of two inputs, truncation. Seeded: the same seed
/// gives the same inputs.
struct Mutator {
    var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func index(_ count: Int) -> Int { count <= 1 ? 0 : Int(next() % UInt64(count)) }

    static let interesting: [[UInt8]] = [
        [0], [0xFF], [0x7F], [0x80], [1], [0, 0], [0xFF, 0xFF], [0xFF, 0x7F], [0, 0x80], [0, 0, 0, 0],
        [0xFF, 0xFF, 0xFF, 0xFF], [0xFE, 0xFF, 0xFF, 0xFF], [0, 0, 0, 0x80], [0x50, 0x4B, 0x05, 0x06],
        [0x50, 0x4B, 0x01, 0x02], [0x50, 0x4B, 0x03, 0x04], [0x50, 0x4B, 0x06, 0x07], [0x2E, 0x2E, 0x2F],
        Array("\"id\"".utf8), Array("null".utf8), Array("[]".utf8), Array("{}".utf8), Array("\\u0000".utf8),
    ]

    mutating func mutate(_ input: Data, splice other: Data) -> Data {
        var bytes = [UInt8](input)
        let rounds = 1 + index(6)
        for _ in 0..<rounds {
            if bytes.isEmpty { bytes = [0] }
            let at = index(bytes.count)
            switch index(9) {
            case 0:
                bytes[at] ^= UInt8(1 << index(8))
            case 1:
                bytes[at] = UInt8(truncatingIfNeeded: next())
            case 2:
                let value = Self.interesting[index(Self.interesting.count)]
                let end = min(bytes.count, at + value.count)
                bytes.replaceSubrange(at..<end, with: value)
            case 3:
                let length = 1 + index(64)
                bytes.insert(contentsOf: (0..<length).map { _ in UInt8(truncatingIfNeeded: next()) }, at: at)
            case 4:
                let end = min(bytes.count, at + 1 + index(256))
                bytes.removeSubrange(at..<end)
            case 5:
                let end = min(bytes.count, at + 1 + index(512))
                bytes.insert(contentsOf: bytes[at..<end], at: index(bytes.count))
            case 6:
                let donor = [UInt8](other)
                guard !donor.isEmpty else { break }
                let from = index(donor.count)
                let end = min(donor.count, from + 1 + index(4096))
                bytes.replaceSubrange(at..<min(bytes.count, at + (end - from)), with: donor[from..<end])
            case 7:
                bytes.removeSubrange(at..<bytes.count)
            default:
                // A header-sized field near the end (the directory and end record live there).
                let tail = max(0, bytes.count - 1 - index(min(bytes.count, 4096)))
                let value = Self.interesting[index(Self.interesting.count)]
                bytes.replaceSubrange(tail..<min(bytes.count, tail + value.count), with: value)
            }
        }
        return Data(bytes)
    }
}
