import Foundation
import Logging

/// The serving certificate the emulator presents over TLS.
public enum ServingCertificate: Sendable, Equatable {
    /// Signed by the emulator's CA, valid now, for IP 127.0.0.1 (and the bound host) and DNS localhost.
    case valid
    /// Signed by the emulator's CA but expired yesterday.
    case expired
    /// Signed by the emulator's CA, valid now, but only for the given DNS name.
    case wrongHostname(String)
}
