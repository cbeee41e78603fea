import Crypto
import Foundation
import SwiftASN1
import X509

public enum IssuedCertificateError: Error, CustomStringConvertible {
    case noCertificate
    case notBase64

    public var description: String {
        switch self {
        case .noCertificate: return "no PEM certificate block"
        case .notBase64: return "status.certificate is not base64"
        }
    }
}
