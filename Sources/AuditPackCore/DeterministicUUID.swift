import Crypto
import Foundation

/// Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace UUID and a name), so the same inputs
/// always give the same identifier — what makes AuditPack's OSCAL documents reproducible byte for byte.
public enum DeterministicUUID {
    /// RFC 9562's DNS namespace, `6ba7b810-9dad-11d1-80b4-00c04fd430c8`.
    public static let dnsNamespace = UUID(
        uuid: (
            0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8
        )
    )

    /// AuditPack's namespace: the version 5 UUID of the name `auditpack.dev` in the DNS namespace.
    public static let auditPackNamespace = v5(namespace: dnsNamespace, name: "auditpack.dev")

    /// The version 5 UUID of `name` in `namespace`.
    public static func v5(namespace: UUID, name: String) -> UUID {
        var input = withUnsafeBytes(of: namespace.uuid) { Data($0) }
        input.append(Data(name.utf8))
        var bytes = Array(Insecure.SHA1.hash(data: input).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            )
        )
    }

    /// Lower-case text form of the version 5 UUID of `name` in AuditPack's namespace.
    public static func string(_ name: String) -> String {
        // Written out directly: a large cluster's OSCAL results need three per finding (120,000 at 90,000
        // objects), and UUID's uppercase string lowercased again was most of the cost.
        var hasher = Insecure.SHA1()
        withUnsafeBytes(of: auditPackNamespace.uuid) { hasher.update(bufferPointer: $0) }
        var name = name
        name.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        let digest = hasher.finalize()
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { text in
            let hex: StaticString = "0123456789abcdef"
            var position = 0
            digest.withUnsafeBytes { bytes in
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    var byte = bytes[index]
                    if index == 6 { byte = (byte & 0x0F) | 0x50 }
                    if index == 8 { byte = (byte & 0x3F) | 0x80 }
                    text[position] = hex.utf8Start[Int(byte >> 4)]
                    text[position + 1] = hex.utf8Start[Int(byte & 0x0F)]
                    position += 2
                }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: text[0..<36]), as: UTF8.self)
        }
    }
}
