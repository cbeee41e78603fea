import AuditPackCore
import Foundation

/// What `auditpack verify` found: one check per file, the signature, and a verdict.
public struct VerificationReport: Sendable, Codable, Equatable {
    public enum Verdict: String, Sendable, Codable {
        /// Every listed file is present and unchanged, nothing extra, and (if asked) signed by the trusted key.
        case intact
        /// Something was changed, added, removed, or the signature does not hold.
        case tampered
        /// Not a readable ZIP, or not an AuditPack package.
        case unreadable
    }

    public struct FileCheck: Sendable, Codable, Equatable {
        public var name: String
        public var ok: Bool
        public var reason: String?
    }

    public struct SignatureCheck: Sendable, Codable, Equatable {
        public enum Status: String, Sendable, Codable {
            case unsigned
            /// Valid, and made by the key the verifier trusts.
            case trusted
            /// Valid for the key inside the package, but no trusted key was supplied.
            case unverifiedSigner = "signed_not_checked"
            case invalid
        }

        public var status: Status
        public var fingerprint: String?
        public var message: String
    }

    public var package: String
    public var verdict: Verdict
    public var packageID: String?
    public var files: [FileCheck]
    public var signature: SignatureCheck
    public var problems: [String]

    /// 0 intact; 1 tampered, missing, unexpected or bad signature; 2 unreadable or not a package.
    public var exitCode: Int32 {
        switch verdict {
        case .intact: return 0
        case .tampered: return 1
        case .unreadable: return 2
        }
    }

    /// An empty report for `package`: intact until a check says otherwise.
    init(package: String) {
        self.package = package
        verdict = .intact
        packageID = nil
        files = []
        signature = .init(status: .unsigned, fingerprint: nil, message: "the package is not signed")
        problems = []
    }

    enum CodingKeys: String, CodingKey {
        case package, verdict, files, signature, problems
        case packageID = "package_id"
    }
}
