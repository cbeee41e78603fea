import Crypto

/// The first 128 bits of a SHA-256: enough to tell content apart, small enough to keep one per object of
/// a 100k-object list.
struct ContentDigest: Hashable {
    var high: UInt64
    var low: UInt64

    init(_ digest: SHA256.Digest) {
        var bytes = Array(digest)
        bytes.removeLast(16)
        high = bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }
        low = bytes[8..<16].reduce(0) { $0 << 8 | UInt64($1) }
    }
}
