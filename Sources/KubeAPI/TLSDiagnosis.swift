import AuditPackCore
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import X509

/// After a failed TLS handshake, looks at the server's certificate (without trusting it) to say why:
/// expired, issued for another host name, or signed by an unknown authority.
enum TLSDiagnosis {
    static func diagnose(server: String, now: Date = Date()) async -> TLSProblem? {
        guard let url = URL(string: server), let host = url.host else { return nil }
        guard let leaf = await fetchLeaf(host: host, port: url.port ?? 443) else { return nil }
        guard let certificate = try? Certificate(derEncoded: leaf) else { return nil }
        if certificate.notValidAfter < now || certificate.notValidBefore > now { return .expired }
        if !names(of: certificate).contains(where: { matches(pattern: $0, host: host) }) { return .hostnameMismatch }
        return .unknownAuthority
    }

    private static func names(of certificate: Certificate) -> [String] {
        var names: [String] = []
        if let extensions = try? certificate.extensions.subjectAlternativeNames {
            for name in extensions {
                switch name {
                case .dnsName(let dns): names.append(dns.lowercased())
                case .ipAddress(let bytes): names.append(ipString(Array(bytes.bytes)))
                default: break
                }
            }
        }
        return names
    }

    private static func ipString(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        var groups: [String] = []
        for index in stride(from: 0, to: bytes.count - 1, by: 2) {
            groups.append(String(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]), radix: 16))
        }
        return groups.joined(separator: ":")
    }

    private static func matches(pattern: String, host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if pattern == host { return true }
        if pattern.hasPrefix("*."), let dot = host.firstIndex(of: ".") {
            return host[dot...] == pattern.dropFirst()
        }
        return false
    }

    /// Connects once, accepts any certificate, and returns the leaf's DER bytes.
    private static func fetchLeaf(host: String, port: Int) async -> [UInt8]? {
        let capture = LockedBox<[UInt8]?>(nil)
        var tls = TLSConfiguration.makeClientConfiguration()
        // The callback below replaces verification; it only runs when verification is on.
        tls.certificateVerification = .noHostnameVerification
        guard let context = try? NIOSSLContext(configuration: tls) else { return nil }
        let serverName = host.first?.isNumber == true || host.contains(":") ? nil : host
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(5))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = try NIOSSLClientHandler(
                        context: context,
                        serverHostname: serverName,
                        customVerificationCallback: { certificates, promise in
                            let leaf = certificates.first.flatMap { try? $0.toDERBytes() }
                            capture.withLock { $0 = leaf }
                            promise.succeed(.certificateVerified)
                        }
                    )
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
        guard let channel = try? await bootstrap.connect(host: host, port: port).get() else { return nil }
        for _ in 0..<50 where capture.withLock({ $0 }) == nil {
            try? await Task.sleep(for: .milliseconds(20))
        }
        try? await channel.close().get()
        return capture.withLock { $0 }
    }
}
