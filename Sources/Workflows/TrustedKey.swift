import Foundation
import Packaging

/// Whom a command trusts to have signed a package: `--public-key FILE`, `--trusted-fingerprint HEX`, or
/// else the `AUDITPACK_TRUSTED_KEY` environment variable (a public-key file or a fingerprint).
public enum TrustedKey {
    public static let environmentVariable = "AUDITPACK_TRUSTED_KEY"

    public static func resolve(
        publicKey: String?,
        trustedFingerprint: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> PackageVerifier.Trust {
        if let publicKey { return .publicKey(try SigningKey.loadPublicKey(path: publicKey)) }
        if let trustedFingerprint { return .fingerprint(trustedFingerprint.lowercased()) }
        guard let value = environment[environmentVariable]?.trimmingCharacters(in: .whitespaces), !value.isEmpty
        else { return .none }
        if isFingerprint(value) { return .fingerprint(value.lowercased()) }
        return .publicKey(try SigningKey.loadPublicKey(path: value))
    }

    /// A SHA-256 fingerprint: 64 hex digits.
    public static func isFingerprint(_ text: String) -> Bool {
        text.utf8.count == 64 && text.allSatisfy(\.isHexDigit)
    }

    /// The one line commands print when nobody vouches for a package's origin.
    public static let uncheckedWarning =
        "warning: the package's origin was not checked (no trusted key); pass --public-key or "
        + "--trusted-fingerprint, or set \(environmentVariable), to require AuditPack's signing key"
}
