import Foundation

/// The structure of a package ZIP, accepted only in the one plain shape `PackageWriter` produces, so
/// that every ZIP reader (Python's zipfile, Info-ZIP unzip, libarchive, ZIPFoundation, this one) sees
/// the same entries with the same bytes. Every byte of the file must belong to exactly one of: a local
/// header and its data, the central directory, the end record — in that order, without gaps, overlaps,
/// prefixes, trailing bytes or comments. Local and central headers must agree field by field.
///
/// Not accepted (none is ever written by AuditPack): ZIP64, multi-disk archives, data descriptors,
/// encryption, methods other than stored and deflate, extra fields, comments, directories, links.
public struct ZipLayout: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var name: String
        /// 0 stored, 8 deflate.
        public var method: UInt16
        public var crc32: UInt32
        public var compressedSize: UInt64
        public var uncompressedSize: UInt64
        public var headerOffset: UInt64
        public var dataOffset: UInt64
    }

    public var entries: [Entry]
    public var centralDirectoryOffset: UInt64
    public var endRecordOffset: UInt64

    /// Limits: more entries, a bigger directory or bigger entries are not evidence packages.
    public static let maxEntries = 10_000
    public static let maxCentralDirectoryBytes: UInt64 = 8 << 20
    /// Below ZIP64's limit: larger entries would need ZIP64, which packages never use.
    public static let maxEntryBytes: UInt64 = 0xFFFF_FFFE
    /// Deflate cannot exceed ~1032:1; real evidence is 5–50:1.
    public static let maxRatio: UInt64 = 1_000

    static let localSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    static let centralSignature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
    static let endSignature: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    static let zip64LocatorSignature: [UInt8] = [0x50, 0x4B, 0x06, 0x07]
    static let zip64EndSignature: [UInt8] = [0x50, 0x4B, 0x06, 0x06]
    static let endRecordSize = 22
    static let centralHeaderSize = 46
    static let localHeaderSize = 30
    /// General-purpose flags allowed: bit 11 (names are UTF-8) only.
    static let allowedFlags: UInt16 = 0x0800

    /// Reads and checks the layout; throws `PackageReadError.malformed` naming the offset and the rule.
    public static func read(_ bytes: PackageBytes) throws -> ZipLayout {
        let path = bytes.name
        func fail(_ offset: UInt64, _ rule: String) -> PackageReadError {
            .malformed(path: path, offset: offset, rule: rule)
        }
        let size = bytes.size
        guard size >= UInt64(endRecordSize) else {
            throw PackageReadError.unreadable(path: path, reason: "it is \(size) bytes, too short for a ZIP archive")
        }
        let endOffset = try locateEndRecord(bytes)
        let end = Fields(try bytes.read(at: endOffset, count: endRecordSize))
        let diskNumber = end.u16(4)
        let directoryDisk = end.u16(6)
        let entriesOnDisk = end.u16(8)
        let totalEntries = end.u16(10)
        let directorySize = UInt64(end.u32(12))
        let directoryOffset = UInt64(end.u32(16))
        guard diskNumber == 0, directoryDisk == 0 else {
            throw fail(endOffset, "the end record names disk \(diskNumber)/\(directoryDisk): multi-disk archive")
        }
        guard totalEntries != 0xFFFF, directorySize != 0xFFFF_FFFF, directoryOffset != 0xFFFF_FFFF else {
            throw fail(endOffset, "the end record defers to a ZIP64 record; packages never use ZIP64")
        }
        guard entriesOnDisk == totalEntries else {
            throw fail(
                endOffset,
                "the end record counts \(entriesOnDisk) entries on this disk but \(totalEntries) in total"
            )
        }
        guard totalEntries > 0, Int(totalEntries) <= maxEntries else {
            throw fail(endOffset, "the end record counts \(totalEntries) entries (expected 1 to \(maxEntries))")
        }
        guard directorySize <= maxCentralDirectoryBytes else {
            throw fail(endOffset, "the central directory is \(directorySize) bytes, more than any package needs")
        }
        guard directoryOffset + directorySize == endOffset else {
            throw fail(
                endOffset,
                "the central directory (offset \(directoryOffset), \(directorySize) bytes) does not end where the "
                    + "end record starts (offset \(endOffset)): bytes between them, or a second directory"
            )
        }
        let central = try readCentralDirectory(
            bytes,
            offset: directoryOffset,
            size: directorySize,
            count: Int(totalEntries)
        )
        var entries: [Entry] = []
        entries.reserveCapacity(central.count)
        var position: UInt64 = 0
        for record in central {
            guard record.headerOffset == position else {
                throw fail(
                    record.headerOffset,
                    "entry \"\(record.name)\" starts at offset \(record.headerOffset), but the bytes before it end at "
                        + "\(position): \(record.headerOffset > position ? "unaccounted bytes (a prefix or gap)" : "entries overlap")"
                )
            }
            let entry = try readLocalHeader(bytes, matching: record)
            position = entry.dataOffset + entry.compressedSize
            guard position <= directoryOffset else {
                throw fail(
                    entry.dataOffset,
                    "entry \"\(entry.name)\"'s data runs to offset \(position), into the central directory at "
                        + "\(directoryOffset)"
                )
            }
            entries.append(entry)
        }
        guard position == directoryOffset else {
            throw fail(
                position,
                "\(directoryOffset - position) bytes between the last entry's data and the central directory "
                    + "belong to no entry"
            )
        }
        try checkNames(entries.map(\.name), path: path)
        return ZipLayout(entries: entries, centralDirectoryOffset: directoryOffset, endRecordOffset: endOffset)
    }

    /// The end record must be the file's last 22 bytes, with no comment after it.
    static func locateEndRecord(_ bytes: PackageBytes) throws -> UInt64 {
        let size = bytes.size
        let endOffset = size - UInt64(endRecordSize)
        let record = Fields(try bytes.read(at: endOffset, count: endRecordSize))
        if record.starts(with: endSignature), record.u16(20) == 0 {
            if endOffset >= 20, Fields(try bytes.read(at: endOffset - 20, count: 4)).starts(with: zip64LocatorSignature)
            {
                throw PackageReadError.malformed(
                    path: bytes.name,
                    offset: endOffset - 20,
                    rule: "a ZIP64 locator precedes the end record; packages never use ZIP64"
                )
            }
            return endOffset
        }
        // Not where it must be: say whether it is missing (truncated, not a ZIP) or displaced.
        let tailLength = Int(min(size, UInt64(endRecordSize + 0xFFFF)))
        let tailStart = size - UInt64(tailLength)
        let tail = try bytes.read(at: tailStart, count: tailLength)
        guard let last = occurrences(of: endSignature, in: tail).last else {
            throw PackageReadError.unreadable(
                path: bytes.name,
                reason: "it has no end of central directory record: not a ZIP archive, or truncated"
            )
        }
        let at = tailStart + UInt64(last)
        throw PackageReadError.malformed(
            path: bytes.name,
            offset: at,
            rule: at > endOffset
                ? "the end record is cut short (\(size - at) bytes from offset \(at)); the file is truncated"
                : "the end record at offset \(at) is followed by \(size - at - UInt64(endRecordSize)) bytes "
                    + "(a comment or appended data); a package ends with its end record"
        )
    }

    static func occurrences(of signature: [UInt8], in bytes: [UInt8]) -> [Int] {
        guard bytes.count >= signature.count else { return [] }
        var found: [Int] = []
        var index = 0
        let last = bytes.count - signature.count
        while index <= last {
            if bytes[index] == signature[0], bytes[index + 1] == signature[1], bytes[index + 2] == signature[2],
                bytes[index + 3] == signature[3]
            {
                found.append(index)
            }
            index += 1
        }
        return found
    }
}

/// Little-endian fields of a header.
struct Fields {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }

    func u32(_ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }

    func starts(with signature: [UInt8], at offset: Int = 0) -> Bool {
        bytes.count >= offset + 4 && Array(bytes[offset..<offset + 4]) == signature
    }
}
