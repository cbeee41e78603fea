import AuditPackCore
import Crypto
import Foundation
import Packaging

/// `auditpack verify`: one report per package, plus the chain links when several are given.
public enum VerifyWorkflow {
    public struct Outcome: Sendable {
        public var reports: [VerificationReport]
        public var links: [PackageChain.LinkCheck]

        /// The worst of the packages' codes; a broken link counts as tampering.
        public var exitCode: Int32 {
            let worst = reports.map(\.exitCode).max() ?? 2
            return worst == 0 && links.contains(where: { !$0.ok }) ? 1 : worst
        }
    }

    public static func run(
        packages: [URL],
        publicKey: String?,
        trustedFingerprint: String?,
        chain: Bool
    ) throws -> Outcome {
        let trust = try TrustedKey.resolve(publicKey: publicKey, trustedFingerprint: trustedFingerprint)
        let reports = packages.map { PackageVerifier.verify(package: $0, trust: trust) }
        return Outcome(reports: reports, links: chain ? PackageChain.check(packages) : [])
    }
}
