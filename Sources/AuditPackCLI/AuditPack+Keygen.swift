import ArgumentParser
import Foundation
import Workflows

extension AuditPack {
    /// `auditpack keygen`: an Ed25519 key pair for signing packages.
    struct Keygen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an Ed25519 key pair for signing packages (private key written 0600; never overwritten)."
        )

        @Option(help: "Folder for the key files.")
        var output: String = "."

        @Option(help: "Base name: NAME.key (private, PKCS#8 PEM) and NAME.pub.pem (public, SPKI PEM).")
        var name: String = "auditpack-signing"

        func validate() throws {
            guard !name.isEmpty, !name.contains("/") else { throw ValidationError("--name must be a plain file name.") }
        }

        func run() async throws {
            let result = try await CLIExit.guarding {
                try KeygenWorkflow.run(folder: URL(fileURLWithPath: output), name: name)
            }
            print("Private key : \(result.privateKey.path) (mode 0600 — keep it secret)")
            print("Public key  : \(result.publicKey.path) (give this to auditors)")
            print("Fingerprint : \(result.fingerprint)")
            print("minisign -P : \(result.minisignPublicKey)")
            print("\nSign packages with: auditpack collect --signing-key \(result.privateKey.path)")
        }
    }
}
