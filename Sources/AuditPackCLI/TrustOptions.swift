import ArgumentParser
import Packaging
import Workflows

/// `--public-key` / `--trusted-fingerprint`: the signing key a package must carry (shared by every command
/// that opens packages). Without either, `AUDITPACK_TRUSTED_KEY` is used when set.
struct TrustOptions: ParsableArguments {
    @Option(help: "Public key (SPKI PEM) the package must be signed with (default: $AUDITPACK_TRUSTED_KEY).")
    var publicKey: String?

    @Option(help: "SHA-256 fingerprint of the key the package must be signed with.")
    var trustedFingerprint: String?

    func validate() throws {
        guard publicKey == nil || trustedFingerprint == nil else {
            throw ValidationError("Use either --public-key or --trusted-fingerprint, not both.")
        }
        if let trustedFingerprint, !TrustedKey.isFingerprint(trustedFingerprint) {
            throw ValidationError(
                "--trusted-fingerprint \(trustedFingerprint) is not 64 hex digits; `auditpack keygen` prints the "
                    + "fingerprint, or run `openssl pkey -pubin -in KEY.pub.pem -outform DER | sha256sum`."
            )
        }
    }

    /// The trust to verify with; throws when the key file cannot be read.
    func resolve() throws -> PackageVerifier.Trust {
        try TrustedKey.resolve(publicKey: publicKey, trustedFingerprint: trustedFingerprint)
    }
}
