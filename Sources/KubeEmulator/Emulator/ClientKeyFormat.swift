import Foundation

/// The key format of a client certificate issued by ``KubeEmulator/issueClientCertificate(username:groups:keyFormat:)``.
public enum ClientKeyFormat: String, Sendable, CaseIterable, Equatable {
    /// An EC P-256 key as PKCS#8 ("BEGIN PRIVATE KEY").
    case pkcs8
    /// An RSA 2048 key as PKCS#1 ("BEGIN RSA PRIVATE KEY").
    case rsaPKCS1
    /// An EC P-256 key as SEC 1 ("BEGIN EC PRIVATE KEY").
    case ecSEC1
}
