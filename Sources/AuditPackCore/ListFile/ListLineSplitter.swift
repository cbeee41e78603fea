import Foundation

/// Splits a List evidence file, pushed in chunks of any size, into its items' JSON bytes: ``ListFileFormat``
/// puts one item per line, so an item is a line that starts with the item indent. Holds only the
/// unfinished tail of the last chunk. A document not written that way (a hand-made fixture, a pretty-printed
/// List) is kept whole and handed back by `finish` for the caller to parse.
public struct ListLineSplitter {
    private enum Mode {
        case undecided
        case lines
        case whole
    }

    private var buffer = Data()
    /// Where the unread part of `buffer` starts: lines are sliced, never copied out of the buffer.
    private var position = 0
    private var mode = Mode.undecided
    private static let itemPrefix = ListFileFormat.itemIndent + Data("{".utf8)

    public init() {}

    /// Adds a chunk and calls `item` with each item completed by it.
    public mutating func push(_ chunk: Data, item: (Data) throws -> Void) rethrows {
        // Keep only the unread tail, then append: one copy per chunk, not per line.
        if position > buffer.startIndex {
            buffer = Data(buffer[position...])
            position = buffer.startIndex
        }
        buffer.append(chunk)
        if mode == .undecided {
            guard buffer.count >= ListFileFormat.header.count else { return }
            mode = buffer.starts(with: ListFileFormat.header) ? .lines : .whole
        }
        guard mode == .lines else { return }
        while let newline = Self.newline(in: buffer, from: position) {
            let line = buffer[position..<newline]
            position = newline + 1
            try emit(line, item)
        }
    }

    /// Ends the input: emits a last unterminated item, or returns the whole document when it was not
    /// written one item per line (nil otherwise).
    public mutating func finish(item: (Data) throws -> Void) rethrows -> Data? {
        defer {
            buffer = Data()
            position = 0
        }
        if mode == .lines || (mode == .undecided && buffer.starts(with: ListFileFormat.header)) {
            if position < buffer.endIndex { try emit(buffer[position...], item) }
            return nil
        }
        return buffer.isEmpty ? nil : Data(buffer[position...])
    }

    private func emit(_ line: Data, _ item: (Data) throws -> Void) rethrows {
        guard line.starts(with: Self.itemPrefix) else { return }
        var body = line.dropFirst(ListFileFormat.itemIndent.count)
        if body.last == UInt8(ascii: ",") { body = body.dropLast() }
        try item(body)
    }

    /// The index of the next newline at or after `start` (memchr: Data's generic search is ~20× slower).
    static func newline(in data: Data, from start: Int) -> Int? {
        guard start < data.endIndex else { return nil }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int? in
            guard let base = raw.baseAddress else { return nil }
            let offset = start - data.startIndex
            guard let hit = memchr(base + offset, 0x0A, raw.count - offset) else { return nil }
            return data.startIndex + (UnsafeRawPointer(hit) - base)
        }
    }
}
