import Foundation

extension Catalog {
    /// What every item of one source kind reads from the API (`source_kinds.<kind>` in the catalog).
    public struct SourceKind: Sendable, Codable, Equatable {
        public var reads: [APIRead]

        public init(reads: [APIRead]) {
            self.reads = reads
        }
    }
}

extension Catalog.Source {
    /// The collector an item comes from (each names one in Sources/Collection). A kind the code does not know
    /// fails when the catalog loads.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case list
        case groupLists = "group-lists"
        case apiserverPods = "apiserver-pods"
        case apiserverFlags = "apiserver-flags"
        case apiserverCommand = "apiserver-command"
        case rbacDerived = "rbac-derived"
        case rbacPermissions = "rbac-permissions"
        case imageInventory = "image-inventory"
        case trivy
        case pssText = "pss-text"
        case secretScan = "secret-scan"
        case podLog = "pod-log"
        case podLogSummary = "pod-log-summary"
        case pemCertificates = "pem-certificates"

        public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }

        public init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let kind = Kind(rawValue: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "unknown source kind \(text) (known: \(Self.names))"
                )
            }
            self = kind
        }
    }
}
