import AuditPackCore
import Foundation

/// Links packages into a tamper-evident series (an observation period): each manifest records the
/// previous package's id and the SHA-256 of its manifest.json bytes.
public enum PackageChain {
    /// The link to record in the next package, read from `previous` (which must verify as intact).
    public static func link(to previous: URL) throws -> Manifest.PreviousPackage {
        let reader: PackageReader
        do {
            reader = try PackageReader(url: previous)
        } catch {
            throw ChainError.previousNotIntact(path: previous.path, problems: ["\(error)"])
        }
        let report = PackageVerifier.verify(reader: reader, path: previous.path, trust: .none)
        guard report.verdict == .intact else {
            throw ChainError.previousNotIntact(
                path: previous.path,
                problems: report.problems + report.files.filter { !$0.ok }.map { "\($0.name): \($0.reason ?? "")" }
            )
        }
        let data = try reader.data("manifest.json")
        let manifest = try Manifest.decode(data)
        return Manifest.PreviousPackage(packageID: manifest.packageID, manifestSHA256: Hashing.sha256Hex(data))
    }

    /// One line per link: whether package i+1 points at package i.
    public struct LinkCheck: Sendable, Codable, Equatable {
        public var from: String
        public var to: String
        public var ok: Bool
        public var reason: String?
    }

    public static func check(_ packages: [URL]) -> [LinkCheck] {
        var checks: [LinkCheck] = []
        for (earlier, later) in zip(packages, packages.dropFirst()) {
            var check = LinkCheck(from: earlier.lastPathComponent, to: later.lastPathComponent, ok: false, reason: nil)
            do {
                let earlierData = try PackageReader(url: earlier).data("manifest.json")
                let earlierManifest = try Manifest.decode(earlierData)
                let laterManifest = try Manifest.decode(try PackageReader(url: later).data("manifest.json"))
                if let link = laterManifest.previous {
                    if link.manifestSHA256 != Hashing.sha256Hex(earlierData) {
                        check.reason =
                            "records manifest sha256 \(link.manifestSHA256.prefix(12))…, but the earlier package's manifest hashes to \(Hashing.sha256Hex(earlierData).prefix(12))…"
                    } else if link.packageID != earlierManifest.packageID {
                        check.reason =
                            "records package id \(link.packageID), the earlier package is \(earlierManifest.packageID)"
                    } else {
                        check.ok = true
                    }
                } else {
                    check.reason = "records no previous package (collected without --previous)"
                }
            } catch {
                check.reason = "\(error)"
            }
            checks.append(check)
        }
        return checks
    }
}
