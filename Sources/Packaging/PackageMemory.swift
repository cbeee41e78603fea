import Foundation

/// A package held in memory (for fuzzing and tests).
public struct PackageMemory: PackageBytes {
    public let name: String
    let bytes: [UInt8]

    public init(_ data: Data, name: String = "package") {
        self.name = name
        self.bytes = [UInt8](data)
    }

    public var size: UInt64 { UInt64(bytes.count) }

    public func read(at offset: UInt64, count: Int) throws -> [UInt8] {
        try checkBounds(offset: offset, count: count)
        return Array(bytes[Int(offset)..<Int(offset) + count])
    }
}
