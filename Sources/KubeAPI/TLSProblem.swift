import Foundation

/// Why a TLS handshake with the API server failed, as far as it can be told apart.
public enum TLSProblem: String, Sendable, Equatable {
    case unknownAuthority = "the server's certificate is not signed by a trusted certificate authority"
    case hostnameMismatch = "the server's certificate does not name the host being connected to"
    case expired = "the server's certificate has expired or is not yet valid"
    case clientCertificateRequired = "the server requires a client certificate and none was accepted"
    case other = "the TLS handshake failed"
}
