import Foundation
import Packaging

/// A ZIP archive as plain fields, built back into bytes with every offset computed — so a mutant can
/// change one field (a name in one header, a flag, a count) and stay otherwise well-formed. Only for
/// tests: it writes whatever it is told, including everything the strict reader must refuse.
struct RawZip {
    struct Entry {
        var name: [UInt8]
        var localName: [UInt8]? = nil
        var madeBy: UInt16 = 0x0315
        var versionNeeded: UInt16 = 20
        var flags: UInt16 = 0x0800
        var localFlags: UInt16? = nil
        var method: UInt16
        var localMethod: UInt16? = nil
        var time: UInt16 = 0
        var date: UInt16 = 0
        var crc32: UInt32
        var localCRC32: UInt32? = nil
        var compressedSize: UInt32
        var uncompressedSize: UInt32
        var localUncompressedSize: UInt32? = nil
        var data: [UInt8]
        var localExtra: [UInt8] = []
        var centralExtra: [UInt8] = []
        var comment: [UInt8] = []
        var external: UInt32 = 0o100644 << 16
        /// Bytes placed after this entry's data, before the next header (a gap).
        var gapAfter: [UInt8] = []
        /// When set, the central record points at this offset instead of the real one.
        var offsetOverride: UInt32? = nil
    }

    var entries: [Entry]
    var prefix: [UInt8] = []
    /// Extra raw bytes between the last entry and the central directory.
    var beforeDirectory: [UInt8] = []
    var countOverride: UInt16? = nil
    var directorySizeDelta: Int = 0
    var directoryOffsetDelta: Int = 0
    /// Adds `prefix.count` to every offset (a correctly relocated prefix, as self-extractors do).
    var relocatePrefix = false
    /// Written after the central directory, before the end record (e.g. a second directory).
    var betweenDirectoryAndEnd: [UInt8] = []
    var endComment: [UInt8] = []
    var trailing: [UInt8] = []

    /// Reads an archive the strict reader accepts into fields.
    init(package bytes: Data) throws {
        let memory = PackageMemory(bytes)
        let layout = try ZipLayout.read(memory)
        let raw = [UInt8](bytes)
        entries = layout.entries.map { entry in
            let header = Int(entry.headerOffset)
            func u16(_ at: Int) -> UInt16 { UInt16(raw[header + at]) | UInt16(raw[header + at + 1]) << 8 }
            return Entry(
                name: Array(entry.name.utf8),
                versionNeeded: u16(4),
                flags: u16(6),
                method: entry.method,
                time: u16(10),
                date: u16(12),
                crc32: entry.crc32,
                compressedSize: UInt32(entry.compressedSize),
                uncompressedSize: UInt32(entry.uncompressedSize),
                data: Array(raw[Int(entry.dataOffset)..<Int(entry.dataOffset + entry.compressedSize)])
            )
        }
    }

    init(entries: [Entry]) { self.entries = entries }

    func bytes() -> Data {
        var out = prefix
        var offsets: [UInt32] = []
        let base = relocatePrefix ? 0 : prefix.count
        for entry in entries {
            offsets.append(UInt32(out.count - base))
            let name = entry.localName ?? entry.name
            out += [0x50, 0x4B, 0x03, 0x04]
            out +=
                le16(entry.versionNeeded) + le16(entry.localFlags ?? entry.flags)
                + le16(entry.localMethod ?? entry.method)
            out += le16(entry.time) + le16(entry.date) + le32(entry.localCRC32 ?? entry.crc32)
            out += le32(entry.compressedSize) + le32(entry.localUncompressedSize ?? entry.uncompressedSize)
            out += le16(UInt16(name.count)) + le16(UInt16(entry.localExtra.count)) + name + entry.localExtra
            out += entry.data + entry.gapAfter
        }
        out += beforeDirectory
        let directoryOffset = out.count - base
        for (entry, offset) in zip(entries, offsets) {
            out += [0x50, 0x4B, 0x01, 0x02] + le16(entry.madeBy) + le16(entry.versionNeeded) + le16(entry.flags)
            out += le16(entry.method) + le16(entry.time) + le16(entry.date) + le32(entry.crc32)
            out += le32(entry.compressedSize) + le32(entry.uncompressedSize) + le16(UInt16(entry.name.count))
            out += le16(UInt16(entry.centralExtra.count)) + le16(UInt16(entry.comment.count)) + le16(0) + le16(0)
            out += le32(entry.external) + le32(entry.offsetOverride ?? offset)
            out += entry.name + entry.centralExtra + entry.comment
        }
        let directorySize = out.count - base - directoryOffset + directorySizeDelta
        out += betweenDirectoryAndEnd
        let count = countOverride ?? UInt16(entries.count)
        out += [0x50, 0x4B, 0x05, 0x06] + le16(0) + le16(0) + le16(count) + le16(count)
        out += le32(UInt32(directorySize)) + le32(UInt32(directoryOffset + directoryOffsetDelta))
        out += le16(UInt16(endComment.count)) + endComment + trailing
        return Data(out)
    }

    /// Just the central directory records as `bytes()` writes them (for building second directories).
    func directoryBytes() -> [UInt8] {
        let all = [UInt8](bytes())
        let end = all.count - 22 - endComment.count - trailing.count - betweenDirectoryAndEnd.count
        let size = Int(Fields32.read(all, at: all.count - 22 - endComment.count - trailing.count + 12))
        return Array(all[(end - size)..<end])
    }
}

func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }

func le32(_ value: UInt32) -> [UInt8] {
    [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
}

enum Fields32 {
    static func read(_ bytes: [UInt8], at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
