import Foundation
import Logging
import ObjectStore
import Packaging

/// `collect --upload` could not upload or record the package (the package itself is intact on disk).
public struct UploadFailure: Error, CustomStringConvertible {
    public var package: String
    public var reason: String

    public var description: String {
        "The package \(package) was written but not uploaded: \(reason). Upload it later with `auditpack upload`."
    }
}
