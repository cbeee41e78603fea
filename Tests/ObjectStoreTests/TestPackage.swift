import Foundation
import Packaging
import TestSupport

/// A small real package, signed (optionally with a large incompressible evidence file, for multipart uploads).
enum TestPackage {
    static func make(in folder: TestFolder, name: String = "package.zip", extraBytes: Int = 0) throws -> URL {
        try SyntheticPackage.make(
            signed: SigningKey(),
            packageID: "pkg-\(name)",
            folder: folder,
            name: name,
            extraBytes: extraBytes
        ).url
    }
}
