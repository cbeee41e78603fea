import Foundation
import Packaging
import TestSupport
import ZIPFoundation

extension SyntheticPackage {
    /// All entries of the package, in order.
    func entries() throws -> [(String, Data)] {
        let reader = try PackageReader(url: url)
        return try reader.names.map { ($0, try reader.data($0)) }
    }

    /// A copy of the package with its entries rewritten by `change` (raw ZIP writing: no safety checks).
    func rewritten(_ name: String, _ change: ([(String, Data)]) -> [(String, Data)]) throws -> URL {
        let target = folder.url.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: target)
        let archive = try Archive(url: target, accessMode: .create)
        for (entryName, data) in change(try entries()) {
            try archive.addEntry(
                with: entryName,
                type: .file,
                uncompressedSize: Int64(data.count),
                modificationDate: Self.timestamp,
                permissions: 0o644,
                compressionMethod: .deflate
            ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        return target
    }
}
