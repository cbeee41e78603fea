import Foundation
import Packaging
import TestSupport
import Testing

/// A Kubernetes Secret mounted for a non-root pod (`defaultMode: 0440`, `fsGroup`): a key owned by another user,
/// readable through the group, is accepted; every other group or world access is refused.
@Suite("signing key: shared through the pod's group, as Secret volumes mount it")
struct SharedKeyTests {
    func keyFile(owner: uid_t, mode: mode_t) throws -> String {
        let folder = TestFolder()
        let written = try SigningKey().write(folder: folder.url, name: "k")
        #expect(chown(written.privateKey.path, owner, getegid()) == 0)
        #expect(chmod(written.privateKey.path, mode) == 0)
        return written.privateKey.path
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to give the key another owner; CI runs as root"))
    func groupReadableKeyOfAnotherOwnerIsAccepted() throws {
        _ = try SigningKey.load(path: try keyFile(owner: 65_532, mode: 0o440))
    }

    @Test(.enabled(if: geteuid() == 0, "needs root to give the key another owner; CI runs as root"))
    func worldReadableOrGroupWritableIsRefused() throws {
        for mode: mode_t in [0o444, 0o460, 0o640 | 0o004] {
            #expect(throws: SigningError.self) { _ = try SigningKey.load(path: try keyFile(owner: 65_532, mode: mode)) }
        }
    }

    @Test func ownKeyMustBeOwnerOnly() throws {
        #expect(throws: SigningError.self) { _ = try SigningKey.load(path: try keyFile(owner: geteuid(), mode: 0o440)) }
        _ = try SigningKey.load(path: try keyFile(owner: geteuid(), mode: 0o600))
    }
}
