import AuditPackCore
import Foundation

/// The evidence of one run: the manifest (without artifacts) and the folder holding exactly its files.
public struct CollectionRun: Sendable {
    public var manifest: Manifest
    public var evidenceFolder: URL
}
