import Foundation
import Packaging
import TestSupport
import Testing

/// A package written in steps (evidence first, findings later) is the same ZIP as one written at once, and
/// a step out of order is refused without leaving a file behind.
@Suite struct PackageSessionTests {
    static let timestamp = Date(timeIntervalSince1970: 1_800_000_000)
    static let entries: [PackageWriter.Entry] = [
        .init(name: "C01-a.json", source: .data(Data("{\"a\":1}\n".utf8))),
        .init(name: "C02-b.json", source: .data(Data(repeating: 0x41, count: 200_000))),
        .init(name: "findings.json", source: .data(Data("{}".utf8))),
        .init(name: "manifest.json", source: .data(Data("{\"m\":true}".utf8))),
    ]

    @Test func stepsGiveTheSameBytesAsOneWrite() throws {
        let folder = TestFolder()
        let whole = folder.url.appendingPathComponent("whole.zip")
        let stepped = folder.url.appendingPathComponent("stepped.zip")
        let wholeSHA = try PackageWriter.write(entries: Self.entries.reversed(), timestamp: Self.timestamp, to: whole)
        let session = try PackageWriter.Session(destination: stepped, timestamp: Self.timestamp)
        try session.add(Array(Self.entries.prefix(2)))
        #expect(!FileManager.default.fileExists(atPath: stepped.path), "nothing is in place before finish")
        try session.add(Array(Self.entries.suffix(2)))
        let steppedSHA = try session.finish()
        #expect(steppedSHA == wholeSHA)
        #expect(try Data(contentsOf: stepped) == Data(contentsOf: whole))
    }

    @Test func outOfOrderEntryIsRefusedAndAbandonLeavesNothing() throws {
        let folder = TestFolder()
        let destination = folder.url.appendingPathComponent("package.zip")
        let session = try PackageWriter.Session(destination: destination, timestamp: Self.timestamp)
        try session.add([Self.entries[2]])
        #expect(throws: PackageError.unsorted("C01-a.json", after: "findings.json")) {
            try session.add([Self.entries[0]])
        }
        #expect(throws: PackageError.duplicateEntry("findings.json")) { try session.add([Self.entries[2]]) }
        session.abandon()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }
}
