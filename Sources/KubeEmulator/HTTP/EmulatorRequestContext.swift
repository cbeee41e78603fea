import Hummingbird
import NIOSSL

/// The request context: Hummingbird's core storage plus the connection, so a handler can read the TLS
/// client certificate or drop the connection for a fault.
struct EmulatorRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Where the request came from (the channel and logger).
    let connection: Connection

    /// Holds the request's source. It is only a channel (Sendable) and a logger (Sendable); Hummingbird just
    /// does not declare the struct Sendable.
    struct Connection: @unchecked Sendable {
        let source: ApplicationRequestContextSource
    }

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.connection = Connection(source: source)
    }

    /// The identity in the verified TLS client certificate, if the client presented one.
    func clientCertificateIdentity() async -> UserInfo? {
        guard let certificate = try? await connection.source.channel.nioSSL_peerCertificate().get(),
            let der = try? certificate.toDERBytes()
        else { return nil }
        return CertificateAuthority.identity(ofClientCertificateDER: der)
    }

    /// Closes the connection without answering.
    func dropConnection() {
        connection.source.channel.close(mode: .all, promise: nil)
    }
}
