import AuditPackCore
import Crypto
import Foundation

/// Dead Simple Signing Envelope (DSSE v1).
public enum DSSE {
    public static let inTotoPayloadType = "application/vnd.in-toto+json"

    /// The pre-authentication encoding that is signed: `DSSEv1 LEN(type) type LEN(body) body`.
    public static func pae(payloadType: String, payload: Data) -> Data {
        let type = Data(payloadType.utf8)
        return Data("DSSEv1 \(type.count) ".utf8) + type + Data(" \(payload.count) ".utf8) + payload
    }

    static func envelope(payload: Data, payloadType: String, key: SigningKey) throws -> Data {
        let signature = try key.privateKey.signature(for: pae(payloadType: payloadType, payload: payload))
        let envelope: [String: Any] = [
            "payloadType": payloadType, "payload": payload.base64EncodedString(),
            "signatures": [["keyid": key.fingerprint, "sig": signature.base64EncodedString()]],
        ]
        return try JSONSerialization.data(withJSONObject: envelope, options: [.prettyPrinted, .sortedKeys])
            + Data("\n".utf8)
    }
}
