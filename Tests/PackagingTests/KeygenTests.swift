import Crypto
import Foundation
import Packaging
import TestSupport
import Testing
import Workflows

@Suite("keygen: key files, permissions, refusals")
struct KeygenTests {
    @Test func writesAPrivateKeyOnlyTheOwnerCanRead() throws {
        let folder = TestFolder()
        let result = try KeygenWorkflow.run(folder: folder.url, name: "team")
        let attributes = try FileManager.default.attributesOfItem(atPath: result.privateKey.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let privatePEM = try String(contentsOf: result.privateKey, encoding: .utf8)
        let publicPEM = try String(contentsOf: result.publicKey, encoding: .utf8)
        #expect(privatePEM.hasPrefix("-----BEGIN PRIVATE KEY-----"), "PKCS#8")
        #expect(publicPEM.hasPrefix("-----BEGIN PUBLIC KEY-----"), "SubjectPublicKeyInfo")
        let loaded = try SigningKey.load(path: result.privateKey.path)
        #expect(loaded.fingerprint == result.fingerprint)
        #expect(result.fingerprint.count == 64)
        #expect(
            SigningKey.fingerprint(of: try SigningKey.loadPublicKey(path: result.publicKey.path)) == result.fingerprint
        )
    }

    @Test func neverOverwritesAKey() throws {
        let folder = TestFolder()
        let first = try KeygenWorkflow.run(folder: folder.url, name: "team")
        let before = try Data(contentsOf: first.privateKey)
        #expect(throws: SigningError.keyExists(path: first.privateKey.path)) {
            try KeygenWorkflow.run(folder: folder.url, name: "team")
        }
        #expect(try Data(contentsOf: first.privateKey) == before)
    }

    @Test func refusesAPrivateKeyOthersCanRead() throws {
        let folder = TestFolder()
        let result = try KeygenWorkflow.run(folder: folder.url, name: "team")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: result.privateKey.path)
        let error = #expect(throws: SigningError.self) { try SigningKey.load(path: result.privateKey.path) }
        #expect(error?.description.contains("chmod 600 \(result.privateKey.path)") == true)
    }

    @Test(.requires("openssl", install: "apt-get install openssl"))
    func opensslReadsTheKeys() throws {
        let openssl = try #require(Tools.find("openssl"))
        let folder = TestFolder()
        let result = try KeygenWorkflow.run(folder: folder.url, name: "team")
        let text = try Tools.run(openssl, ["pkey", "-in", result.privateKey.path, "-noout", "-text"])
        #expect(text.contains("ED25519"))
        let derived = try Tools.run(openssl, ["pkey", "-in", result.privateKey.path, "-pubout"])
        #expect(derived == (try String(contentsOf: result.publicKey, encoding: .utf8)))
    }
}
