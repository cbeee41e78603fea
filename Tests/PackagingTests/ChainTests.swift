import AuditPackCore
import Foundation
import Packaging
import TestSupport
import Testing
import Workflows

@Suite("hash chain across a series of packages")
struct ChainTests {
    @Test func threePackagesLinkAndABrokenLinkIsCaught() throws {
        let folder = TestFolder()
        let first = try SyntheticPackage.make(packageID: "jan", folder: folder, name: "jan.zip")
        let second = try SyntheticPackage.make(
            packageID: "feb",
            previous: try PackageChain.link(to: first.url),
            folder: folder,
            name: "feb.zip"
        )
        let third = try SyntheticPackage.make(
            packageID: "mar",
            previous: try PackageChain.link(to: second.url),
            folder: folder,
            name: "mar.zip"
        )
        let intact = try VerifyWorkflow.run(
            packages: [first.url, second.url, third.url],
            publicKey: nil,
            trustedFingerprint: nil,
            chain: true
        )
        #expect(intact.links.map(\.ok) == [true, true])
        #expect(intact.exitCode == 0)

        // March claims to follow January: the February → March link breaks.
        let forged = try SyntheticPackage.make(
            packageID: "mar",
            previous: try PackageChain.link(to: first.url),
            folder: folder,
            name: "mar-forged.zip"
        )
        let broken = try VerifyWorkflow.run(
            packages: [first.url, second.url, forged.url],
            publicKey: nil,
            trustedFingerprint: nil,
            chain: true
        )
        #expect(broken.links.map(\.ok) == [true, false])
        #expect(broken.links.last?.reason?.contains("records manifest sha256") == true)
        #expect(broken.exitCode == 1)
    }

    @Test func linkingToATamperedPackageIsRefused() throws {
        let package = try SyntheticPackage.make()
        let tampered = try package.rewritten("bad.zip") { $0.filter { $0.0 != "C08-kube-bench.txt" } }
        #expect(throws: ChainError.self) { try PackageChain.link(to: tampered) }
    }
}
