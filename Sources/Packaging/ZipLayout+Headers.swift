import Foundation

extension ZipLayout {
    /// One central-directory record, as read.
    struct CentralRecord {
        var name: String
        var nameBytes: [UInt8]
        var versionNeeded: UInt16
        var flags: UInt16
        var method: UInt16
        var time: UInt16
        var date: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var headerOffset: UInt64
    }

    /// Parses exactly `count` records that fill exactly `size` bytes: readers that go by the count (unzip)
    /// and readers that go by the size (Python) must see the same directory.
    static func readCentralDirectory(
        _ bytes: PackageBytes,
        offset: UInt64,
        size: UInt64,
        count: Int
    ) throws -> [CentralRecord] {
        let directory = try bytes.read(at: offset, count: Int(size))
        let fields = Fields(directory)
        var records: [CentralRecord] = []
        records.reserveCapacity(count)
        var position = 0
        for index in 0..<count {
            let at = offset + UInt64(position)
            func fail(_ rule: String) -> PackageReadError {
                .malformed(path: bytes.name, offset: at, rule: "central directory record \(index + 1): \(rule)")
            }
            guard position + centralHeaderSize <= directory.count else {
                throw fail("the directory ends before the \(count) records the end record counts")
            }
            guard fields.starts(with: centralSignature, at: position) else {
                throw fail("no central-header signature where the record must start")
            }
            let madeBy = fields.u16(position + 4)
            let nameLength = Int(fields.u16(position + 28))
            let extraLength = fields.u16(position + 30)
            let commentLength = fields.u16(position + 32)
            let diskStart = fields.u16(position + 34)
            let external = fields.u32(position + 38)
            guard position + centralHeaderSize + nameLength <= directory.count else {
                throw fail("its name runs past the end of the directory")
            }
            let nameBytes = Array(
                directory[(position + centralHeaderSize)..<(position + centralHeaderSize + nameLength)]
            )
            let name = String(decoding: nameBytes, as: UTF8.self)
            guard extraLength == 0 else { throw fail("\"\(name)\" has \(extraLength) bytes of extra fields") }
            guard commentLength == 0 else { throw fail("\"\(name)\" has a \(commentLength)-byte comment") }
            guard diskStart == 0 else { throw fail("\"\(name)\" starts on disk \(diskStart)") }
            let record = CentralRecord(
                name: name,
                nameBytes: nameBytes,
                versionNeeded: fields.u16(position + 6),
                flags: fields.u16(position + 8),
                method: fields.u16(position + 10),
                time: fields.u16(position + 12),
                date: fields.u16(position + 14),
                crc32: fields.u32(position + 16),
                compressedSize: UInt64(fields.u32(position + 20)),
                uncompressedSize: UInt64(fields.u32(position + 24)),
                headerOffset: UInt64(fields.u32(position + 42))
            )
            if let problem = entryProblem(record) ?? fileTypeProblem(madeBy: madeBy, external: external) {
                throw PackageReadError.hostile(name: name, reason: problem)
            }
            records.append(record)
            position += centralHeaderSize + nameLength
        }
        guard position == directory.count else {
            throw PackageReadError.malformed(
                path: bytes.name,
                offset: offset + UInt64(position),
                rule: "the central directory holds \(directory.count - position) bytes after its \(count) records "
                    + "(the end record's count was lowered, or a second directory was appended)"
            )
        }
        return records
    }

    /// Reads the local header of `record` and checks that it says exactly what the central record says.
    static func readLocalHeader(_ bytes: PackageBytes, matching record: CentralRecord) throws -> Entry {
        let at = record.headerOffset
        func fail(_ rule: String) -> PackageReadError {
            .malformed(path: bytes.name, offset: at, rule: "local header of \"\(record.name)\": \(rule)")
        }
        guard at + UInt64(localHeaderSize) <= bytes.size else { throw fail("runs past the end of the file") }
        let header = Fields(try bytes.read(at: at, count: localHeaderSize))
        guard header.starts(with: localSignature) else { throw fail("no local-header signature at its offset") }
        let nameLength = Int(header.u16(26))
        let extraLength = header.u16(28)
        guard nameLength == record.nameBytes.count,
            try bytes.read(at: at + UInt64(localHeaderSize), count: nameLength) == record.nameBytes
        else { throw fail("its name differs from the central directory's") }
        guard extraLength == 0 else { throw fail("has \(extraLength) bytes of extra fields") }
        let pairs: [(String, UInt64, UInt64)] = [
            ("version needed", UInt64(header.u16(4)), UInt64(record.versionNeeded)),
            ("flags", UInt64(header.u16(6)), UInt64(record.flags)),
            ("compression method", UInt64(header.u16(8)), UInt64(record.method)),
            ("modification time", UInt64(header.u16(10)), UInt64(record.time)),
            ("modification date", UInt64(header.u16(12)), UInt64(record.date)),
            ("CRC-32", UInt64(header.u32(14)), UInt64(record.crc32)),
            ("compressed size", UInt64(header.u32(18)), record.compressedSize),
            ("uncompressed size", UInt64(header.u32(22)), record.uncompressedSize),
        ]
        for (field, local, central) in pairs where local != central {
            throw fail("its \(field) (\(local)) differs from the central directory's (\(central))")
        }
        return Entry(
            name: record.name,
            method: record.method,
            crc32: record.crc32,
            compressedSize: record.compressedSize,
            uncompressedSize: record.uncompressedSize,
            headerOffset: at,
            dataOffset: at + UInt64(localHeaderSize) + UInt64(nameLength)
        )
    }

    /// Why an entry's flags, method or sizes are outside what packages use, or nil.
    static func entryProblem(_ record: CentralRecord) -> String? {
        if record.flags & 0x0001 != 0 || record.flags & 0x0040 != 0 || record.flags & 0x2000 != 0 {
            return "it is encrypted; packages are never encrypted"
        }
        if record.flags & 0x0008 != 0 {
            return "it uses a data descriptor (sizes after the data); packages state sizes in the header"
        }
        if record.flags & ~allowedFlags != 0 {
            return "general-purpose flags 0x\(String(record.flags, radix: 16)) (only 0x800, UTF-8 names, is used)"
        }
        if record.versionNeeded > 20 { return "needs ZIP version \(record.versionNeeded) (packages need 2.0)" }
        switch record.method {
        case 0:
            if record.compressedSize != record.uncompressedSize {
                return "stored, yet \(record.compressedSize) bytes stand for \(record.uncompressedSize)"
            }
        case 8:
            break
        default:
            return "compression method \(record.method) (only stored and deflate are used)"
        }
        if record.uncompressedSize > maxEntryBytes || record.compressedSize > maxEntryBytes {
            return "declares \(record.uncompressedSize) bytes (zip bomb?)"
        }
        if record.uncompressedSize > 1 << 20, record.uncompressedSize / max(record.compressedSize, 1) > maxRatio {
            return "compression ratio above \(maxRatio):1 (zip bomb?)"
        }
        return nil
    }

    /// Directories, links and special files are refused by their mode bits (Unix) or DOS attributes.
    static func fileTypeProblem(madeBy: UInt16, external: UInt32) -> String? {
        if external & 0x10 != 0 { return "directories are not allowed in packages" }
        guard madeBy >> 8 == 3 else { return nil }
        switch (external >> 16) & 0o170000 {
        case 0, 0o100000: return nil
        case 0o120000: return "symbolic links are not allowed in packages"
        case 0o040000: return "directories are not allowed in packages"
        default: return "special files (devices, FIFOs, sockets) are not allowed in packages"
        }
    }

    /// Names are flat, portable ASCII file names, unique even when compared without case.
    static func checkNames(_ names: [String], path: String) throws {
        var seen: [String: String] = [:]
        for name in names {
            if let problem = nameProblem(name) { throw PackageReadError.hostile(name: name, reason: problem) }
            let folded = name.lowercased()
            if let earlier = seen[folded] {
                throw PackageReadError.hostile(
                    name: name,
                    reason: earlier == name
                        ? "the name appears twice"
                        : "the name appears twice (differing only in case from \"\(earlier)\")"
                )
            }
            seen[folded] = name
        }
    }

    /// Why `name` is not a safe, portable package entry name, or nil. Only `A–Z a–z 0–9 . _ -` are used by
    /// AuditPack, so Unicode normalisation, case-folding tricks and control characters cannot arise.
    public static func nameProblem(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        if bytes.isEmpty { return "an entry has no name" }
        if bytes.count > 255 { return "the name is longer than 255 bytes" }
        if bytes.contains(where: { $0 < 0x20 || $0 == 0x7F }) { return "the name holds a NUL or control character" }
        if bytes.first == UInt8(ascii: "/") { return "absolute or non-portable path" }
        if bytes.contains(UInt8(ascii: "\\")) || bytes.contains(UInt8(ascii: ":")) {
            return "absolute or non-portable path (backslash or drive letter)"
        }
        let components = name.split(separator: "/", omittingEmptySubsequences: false)
        if components.contains("..") { return "path escapes the package (..)" }
        if bytes.last == UInt8(ascii: "/") { return "directories are not allowed in packages" }
        if components.count > 1 { return "the name has a folder part; package entries are flat" }
        if name == "." { return "the name is \".\"" }
        let allowed = bytes.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        return allowed ? nil : "the name uses characters outside A–Z a–z 0–9 . _ - (non-ASCII or special)"
    }
}
