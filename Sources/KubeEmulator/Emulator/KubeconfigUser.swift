import Foundation

/// The user section of a generated kubeconfig.
public enum KubeconfigUser: Sendable, Equatable {
    /// A bearer token.
    case token(String)
    /// A client certificate and key, both PEM.
    case clientCertificate(certificatePEM: String, privateKeyPEM: String)
    /// No credentials.
    case anonymous
}
