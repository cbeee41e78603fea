import AuditPackCore
import Foundation
import Packaging
import TestSupport
import Testing

/// The built `auditpack` binary: `evaluate` and `report` refuse packages their trusted key did not sign
/// (exit 2), warn when no key is given, and malformed manifests or non-files are clear exit-2 errors.
@Suite("CLI: evaluate, report and verify check where a package came from")
struct PackageTrustCLITests {
    static let binary = Tools.auditpack

    let key = SigningKey()
    let folder = TestFolder()

    func run(
        _ arguments: [String],
        environment: [String: String] = [:]
    ) async throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "AUDITPACK_TRUSTED_KEY")
        env.merge(environment) { $1 }
        return try await Tools.runAsync(Self.binary, arguments, environment: env)
    }

    func signedPackage() throws -> (package: String, publicKey: String) {
        let written = try key.write(folder: folder.url, name: "signer")
        let package = try SyntheticPackage.make(signed: key, folder: folder)
        return (package.url.path, written.publicKey.path)
    }

    @Test func evaluateAndReportRefuseAPackageSignedByAnotherKey() async throws {
        let (package, _) = try signedPackage()
        let other = try SigningKey().write(folder: folder.url, name: "other")
        for command in [["evaluate", package], ["report", package]] {
            let result = try await run(command + ["--public-key", other.publicKey.path])
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("not by the trusted key"), "\(result.stderr)")
            let byFingerprint = try await run(command + ["--trusted-fingerprint", String(repeating: "ab", count: 32)])
            #expect(byFingerprint.status == 2)
            let byEnvironment = try await run(command, environment: ["AUDITPACK_TRUSTED_KEY": other.publicKey.path])
            #expect(byEnvironment.status == 2)
        }
    }

    @Test func evaluateWithTheRightKeyRunsAndWithoutOneWarnsOnce() async throws {
        let (package, publicKey) = try signedPackage()
        let trusted = try await run(["evaluate", package, "--public-key", publicKey])
        #expect(trusted.status == 1, "the synthetic package's controls are not all assessed: \(trusted.stderr)")
        #expect(!trusted.stderr.contains("warning"))
        #expect(trusted.stdout.contains("Verdicts"))
        let fromEnvironment = try await run(
            ["report", package],
            environment: ["AUDITPACK_TRUSTED_KEY": key.fingerprint]
        )
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        #expect(!fromEnvironment.stderr.contains("warning"))
        let unchecked = try await run(["evaluate", package])
        #expect(unchecked.status == 1)
        let warnings = unchecked.stderr.split(separator: "\n").filter { $0.hasPrefix("warning:") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("origin was not checked") == true)
    }

    @Test func strippedSignatureIsRefusedWhenAKeyIsRequired() async throws {
        let (package, publicKey) = try signedPackage()
        let stripped = try SyntheticPackage(
            folder: folder,
            url: URL(fileURLWithPath: package),
            manifest: try Manifest.decode(try PackageReader(url: URL(fileURLWithPath: package)).data("manifest.json")),
            key: key
        ).rewritten("stripped.zip") { $0.filter { !ManifestSignature.fileNames.contains($0.0) } }
        for command in ["evaluate", "report"] {
            let result = try await run([command, stripped.path, "--public-key", publicKey])
            #expect(result.status == 2, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("unsigned"))
        }
    }

    @Test func duplicateControlIdsAreAnExit2NamingTheField() async throws {
        let package = try SyntheticPackage.make(folder: folder)
        let url = try package.rewritten("dup.zip") { entries in
            entries.map { name, data in
                guard name == "manifest.json" else { return (name, data) }
                var manifest = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
                var controls = manifest["controls"] as! [[String: Any]]
                controls[1]["id"] = controls[0]["id"]
                manifest["controls"] = controls
                return (name, try! JSONSerialization.data(withJSONObject: manifest))
            }
        }
        for command in [["evaluate"], ["report"], ["verify"]] {
            let result = try await run(command + [url.path])
            #expect(result.status == 2, "\(command): \(result.stdout) \(result.stderr)")
            #expect((result.stdout + result.stderr).contains("controls[1].id"), "\(result.stdout) \(result.stderr)")
            #expect(!result.stderr.contains("Fatal error"))
        }
    }

    @Test func wrongFieldTypeNamesTheField() async throws {
        let package = try SyntheticPackage.make(folder: folder)
        let url = try package.rewritten("type.zip") { entries in
            entries.map { name, data in
                guard name == "manifest.json" else { return (name, data) }
                var manifest = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
                var controls = manifest["controls"] as! [[String: Any]]
                controls[2]["size"] = "big"
                manifest["controls"] = controls
                return (name, try! JSONSerialization.data(withJSONObject: manifest))
            }
        }
        let result = try await run(["evaluate", url.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("controls[2].size"), "\(result.stderr)")
    }

    @Test func aDirectoryOrFIFOIsAnErrorNotAHang() async throws {
        let fifo = folder.url.appendingPathComponent("pipe.zip").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for target in [folder.url.path, fifo] {
            for command in [["verify", target], ["evaluate", target], ["report", target]] {
                let result = try await run(command)
                #expect(result.status == 2, "\(command)")
                #expect((result.stdout + result.stderr).contains(target == fifo ? "FIFO" : "directory"))
            }
        }
    }
}
