import AuditPackCore
import Crypto
import CryptoExtras
import Foundation

/// An Ed25519 signing key kept as PKCS#8 PEM (private, mode 0600) and SubjectPublicKeyInfo PEM (public).
public struct SigningKey: Sendable {
    public let privateKey: Curve25519.Signing.PrivateKey

    public init(privateKey: Curve25519.Signing.PrivateKey = Curve25519.Signing.PrivateKey()) {
        self.privateKey = privateKey
    }

    public var publicKey: Curve25519.Signing.PublicKey { privateKey.publicKey }

    /// SHA-256 of the public key's SubjectPublicKeyInfo DER, hex: how people name the key.
    public var fingerprint: String { Self.fingerprint(of: publicKey) }

    public static func fingerprint(of key: Curve25519.Signing.PublicKey) -> String {
        Hashing.sha256Hex(key.derRepresentation)
    }

    /// Reads a private key; refuses one that others (or, for one's own key, the group) can read, with the
    /// chmod that fixes it.
    /// A symlink (how a Kubernetes Secret volume mounts a key) is judged by its target's mode.
    public static func load(path: String) throws -> SigningKey {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw SigningError.keyUnreadable(path: path, reason: "no such file")
        }
        let mode = Int(info.st_mode) & 0o7777
        // Owner-only, as keygen writes it. One exception, how Kubernetes mounts a Secret for a non-root pod
        // (`defaultMode: 0440`, `fsGroup`): a key owned by someone else that this process may read only as a
        // member of its group. Write bits and anything for others are refused always.
        let sharedWithOurGroup = info.st_uid != geteuid() && mode & 0o037 == 0 && mode & 0o040 != 0
        guard mode & 0o077 == 0 || sharedWithOurGroup else {
            throw SigningError.keyTooOpen(path: path, mode: mode)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SigningError.keyUnreadable(path: path, reason: "permission denied")
        }
        do {
            return SigningKey(privateKey: try .init(pemRepresentation: String(decoding: data, as: UTF8.self)))
        } catch {
            throw SigningError.keyUnreadable(path: path, reason: "not an Ed25519 PKCS#8 PEM private key")
        }
    }

    /// Reads a public key (SPKI PEM).
    public static func loadPublicKey(path: String) throws -> Curve25519.Signing.PublicKey {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SigningError.keyUnreadable(path: path, reason: "cannot be read")
        }
        do {
            return try .init(pemRepresentation: String(decoding: data, as: UTF8.self))
        } catch {
            throw SigningError.keyUnreadable(path: path, reason: "not an Ed25519 SubjectPublicKeyInfo PEM public key")
        }
    }

    /// Writes `<folder>/<name>.key` (0600) and `<folder>/<name>.pub.pem`; refuses to overwrite either.
    public func write(folder: URL, name: String) throws -> (privateKey: URL, publicKey: URL) {
        let privateURL = folder.appendingPathComponent("\(name).key")
        let publicURL = folder.appendingPathComponent("\(name).pub.pem")
        for url in [privateURL, publicURL] where FileManager.default.fileExists(atPath: url.path) {
            throw SigningError.keyExists(path: url.path)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Created with 0600 from the first byte: the key is never readable by others, not even briefly.
        let descriptor = open(privateURL.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw SigningError.keyUnreadable(path: privateURL.path, reason: String(cString: strerror(errno)))
        }
        do {
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            try handle.write(contentsOf: Data((privateKey.pemRepresentation + "\n").utf8))
            try handle.close()
            try Data((publicKey.pemRepresentation + "\n").utf8).write(to: publicURL, options: .withoutOverwriting)
        } catch {
            // Never leave half a key pair behind.
            try? FileManager.default.removeItem(at: privateURL)
            throw error
        }
        return (privateURL, publicURL)
    }
}
