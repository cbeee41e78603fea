import Foundation
import Packaging

/// Mutants of a real package, in the ways signed-archive confusion attacks work (APK/JAR signature
/// bypasses, ZIP parser differentials): two directories, hidden entries, headers that disagree, names
/// that collide or escape, prefixes and suffixes — plus seeded random byte damage. `mustReject` marks the
/// classes the strict reader must refuse whatever other readers do; for every mutant, a reader that says
/// INTACT must read exactly what Python's zipfile, unzip and bsdtar read.
struct ZipMutant {
    var name: String
    var bytes: Data
    var mustReject: Bool
}

enum ZipMutantCorpus {
    static func mutants(of package: Data, seed: UInt64 = 1, random: Int = 150) throws -> [ZipMutant] {
        let base = try RawZip(package: package)
        var out: [ZipMutant] = []
        func add(_ name: String, mustReject: Bool = true, _ change: (inout RawZip) -> Void) {
            var zip = base
            change(&zip)
            out.append(ZipMutant(name: name, bytes: zip.bytes(), mustReject: mustReject))
        }
        let evidence = base.entries.firstIndex { $0.name.starts(with: Array("C".utf8)) } ?? 0
        let last = base.entries.count - 1
        let forgedData = Array(#"{"apiVersion":"v1","items":[],"kind":"List"}"#.utf8)
        let forged = RawZip.Entry(
            name: base.entries[evidence].name,
            method: 0,
            crc32: crc32(forgedData),
            compressedSize: UInt32(forgedData.count),
            uncompressedSize: UInt32(forgedData.count),
            data: forgedData
        )

        add("identity", mustReject: false) { _ in }
        add("appended-junk") { $0.trailing = [UInt8](repeating: 0x41, count: 1 << 20) }
        add("appended-zero-byte") { $0.trailing = [0] }
        add("prefix-unrelocated") { $0.prefix = Array("#!/bin/sh\nexit 0\n".utf8) }
        add("prefix-relocated") {
            $0.prefix = Array("MZ-self-extractor-stub".utf8)
            $0.relocatePrefix = true
        }
        add("end-record-comment") { $0.endComment = Array("hello".utf8) }
        add("count-lowered-hides-last-entry") { $0.countOverride = UInt16(base.entries.count - 1) }
        add("count-and-size-lowered-hide-last-entry") {
            $0.countOverride = UInt16(base.entries.count - 1)
            $0.directorySizeDelta = -(46 + base.entries[last].name.count)
        }
        add("count-raised") { $0.countOverride = UInt16(base.entries.count + 1) }
        add("directory-offset-shifted") { $0.directoryOffsetDelta = -1 }
        add("local-name-differs") {
            var name = $0.entries[evidence].name
            name[0] = UInt8(ascii: "X")
            $0.entries[evidence].localName = name
        }
        add("local-method-differs") { $0.entries[evidence].localMethod = 0 }
        add("local-flags-differ") { $0.entries[evidence].localFlags = 0 }
        add("local-crc-differs") { $0.entries[evidence].localCRC32 = $0.entries[evidence].crc32 ^ 1 }
        add("local-size-differs") {
            $0.entries[evidence].localUncompressedSize = $0.entries[evidence].uncompressedSize + 1
        }
        add("data-descriptor-flag") { $0.entries[evidence].flags |= 0x0008 }
        add("encrypted-flag") { $0.entries[evidence].flags |= 0x0001 }
        add("method-bzip2") { $0.entries[evidence].method = 12 }
        add("version-needed-zip64") { $0.entries[evidence].versionNeeded = 45 }
        add("local-extra-field") { $0.entries[evidence].localExtra = [0xFE, 0xCA, 0x00, 0x00] }
        add("central-extra-field") { $0.entries[evidence].centralExtra = [0xFE, 0xCA, 0x00, 0x00] }
        add("entry-comment") { $0.entries[evidence].comment = Array("x".utf8) }
        add("symlink-entry") { $0.entries[evidence].external = 0o120777 << 16 }
        add("directory-attribute") { $0.entries[evidence].external |= 0x10 }
        add("fifo-entry") { $0.entries[evidence].external = 0o010644 << 16 }
        add("gap-between-entries") { $0.entries[0].gapAfter = Array("JUNK".utf8) }
        add("bytes-before-directory") { $0.beforeDirectory = Array("JUNK".utf8) }
        add("overlapping-entries") {
            $0.entries[1].offsetOverride = 0
        }
        add("trailing-bytes-in-deflate-data") {
            $0.entries[evidence].data += [0, 1, 2, 3]
            $0.entries[evidence].compressedSize += 4
        }
        add("stored-size-mismatch") {
            $0.entries[evidence] = forged
            $0.entries[evidence].uncompressedSize += 1
        }
        add("duplicate-name-forged-second") { $0.entries.append(forged) }
        add("duplicate-name-forged-first") { $0.entries.insert(forged, at: 0) }
        add("case-duplicate") {
            var entry = forged
            entry.name = Array(String(decoding: forged.name, as: UTF8.self).lowercased().utf8)
            $0.entries.append(entry)
        }
        for (label, name) in [
            ("dotdot", "../C01-evil.json"), ("absolute", "/etc/evil"), ("backslash", "C01\\evil.json"),
            ("nul", "C01-evil.json\u{0}.txt"), ("control", "C01-\u{7}.json"), ("folder", "sub/C01.json"),
            ("directory", "C01/"), ("unicode-nfd", "C01-re\u{301}sume.json"), ("unicode-ligature", "ﬁndings.json"),
            ("empty", ""), ("dot", "."), ("drive", "c:evil"),
        ] {
            add("name-\(label)") {
                var entry = forged
                entry.name = Array(name.utf8)
                $0.entries.append(entry)
            }
        }
        add("zip64-locator-before-end") {
            $0.betweenDirectoryAndEnd = [0x50, 0x4B, 0x06, 0x07] + le32(0) + le32(0) + le32(0) + le32(1)
        }
        add("second-directory-before-end") {
            // The end record points at the first directory; Python's zipfile locates the directory by its size
            // from the end record and reads the second, forged one.
            var forgedZip = $0
            forgedZip.entries[evidence] = forged
            $0.betweenDirectoryAndEnd = forgedZip.directoryBytes()
        }
        add("second-end-record") {
            var inner = $0
            inner.entries[evidence] = forged
            $0.trailing = [UInt8](inner.bytes())
        }
        add("forged-entry-appended-and-directory-rewritten") {
            // The forged data is appended as an extra local entry no directory record names.
            $0.beforeDirectory = [UInt8](
                RawZip(entries: [forged]).bytes().prefix(30 + forged.name.count + forged.data.count)
            )
        }
        var generator = SeededGenerator(seed: seed)
        let original = [UInt8](package)
        for index in 0..<random {
            var bytes = original
            switch index % 3 {
            case 0:
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                bytes[at] ^= UInt8.random(in: 1...255, using: &generator)
            case 1:
                let at = Int.random(in: 0..<(bytes.count - 4), using: &generator)
                let value: [UInt8] = [
                    [0, 0, 0, 0], [0xFF, 0xFF, 0xFF, 0xFF], [1, 0, 0, 0], [0x50, 0x4B, 0x05, 0x06],
                ][
                    Int.random(in: 0..<4, using: &generator)
                ]
                bytes.replaceSubrange(at..<(at + 4), with: value)
            default:
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
            }
            out.append(ZipMutant(name: "random-\(index)", bytes: Data(bytes), mustReject: false))
        }
        return out
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

/// splitmix64: the same mutants for the same seed, on every machine.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
