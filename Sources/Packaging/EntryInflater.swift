import CZlib
import Foundation

/// Streams one entry's data out of a package: stored bytes as they are, deflate through zlib (raw
/// deflate, as in ZIP). It checks what other readers rely on: the inflated size equals the declared
/// size, the CRC-32 matches, and the deflate stream ends exactly at the end of the entry's data.
enum EntryInflater {
    static let chunk = 256 << 10

    /// Calls `consumer` with the entry's bytes in order; returns the number of bytes produced.
    static func stream(
        _ entry: ZipLayout.Entry,
        from bytes: PackageBytes,
        consumer: (UnsafeRawBufferPointer) throws -> Void
    ) throws -> UInt64 {
        func corrupt(_ reason: String) -> PackageReadError {
            .hostile(name: entry.name, reason: reason)
        }
        var crc: UInt = crc32(0, nil, 0)
        var produced: UInt64 = 0
        func emit(_ buffer: UnsafeRawBufferPointer) throws {
            guard !buffer.isEmpty else { return }
            produced += UInt64(buffer.count)
            guard produced <= entry.uncompressedSize else {
                throw corrupt("holds more bytes than its declared size \(entry.uncompressedSize)")
            }
            crc = crc32(crc, buffer.bindMemory(to: Bytef.self).baseAddress, uInt(buffer.count))
            try consumer(buffer)
        }
        var offset = entry.dataOffset
        let end = entry.dataOffset + entry.compressedSize
        if entry.method == 0 {
            while offset < end {
                let input = try bytes.read(at: offset, count: Int(min(UInt64(chunk), end - offset)))
                offset += UInt64(input.count)
                try input.withUnsafeBytes { try emit($0) }
            }
        } else {
            var stream = z_stream()
            guard inflateInit2_(&stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                throw corrupt("zlib could not start inflating")
            }
            defer { inflateEnd(&stream) }
            var output = [UInt8](repeating: 0, count: chunk)
            var finished = false
            while !finished {
                guard offset < end else { throw corrupt("its deflate data ends before the deflate stream does") }
                var input = try bytes.read(at: offset, count: Int(min(UInt64(chunk), end - offset)))
                offset += UInt64(input.count)
                let inputCount = input.count
                try input.withUnsafeMutableBufferPointer { inBuffer in
                    stream.next_in = inBuffer.baseAddress
                    stream.avail_in = uInt(inputCount)
                    repeat {
                        let status = try output.withUnsafeMutableBufferPointer { outBuffer -> Int32 in
                            stream.next_out = outBuffer.baseAddress
                            stream.avail_out = uInt(outBuffer.count)
                            let status = inflate(&stream, Z_NO_FLUSH)
                            let made = outBuffer.count - Int(stream.avail_out)
                            try emit(UnsafeRawBufferPointer(start: outBuffer.baseAddress, count: made))
                            return status
                        }
                        switch status {
                        case Z_STREAM_END:
                            finished = true
                        case Z_OK:
                            break
                        case Z_BUF_ERROR where stream.avail_in == 0:
                            break
                        default:
                            throw corrupt("its deflate data is corrupt (zlib status \(status))")
                        }
                    } while !finished && (stream.avail_in > 0 || stream.avail_out == 0)
                    if finished && (stream.avail_in > 0 || offset < end) {
                        throw corrupt("bytes follow the end of its deflate stream inside the entry's data")
                    }
                }
            }
        }
        guard produced == entry.uncompressedSize else {
            throw corrupt("holds \(produced) bytes but declares \(entry.uncompressedSize)")
        }
        guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
            throw corrupt("its CRC-32 does not match")
        }
        return produced
    }
}
