import AuditPackCore
import Crypto
import Foundation

/// What `diff` ignores when it asks whether an object changed: fields the API server rewrites without
/// anyone changing the object. `uid` and `creationTimestamp` stay: a new uid means the object was recreated.
enum VolatileFields {
    static let metadata: Set<String> = ["resourceVersion", "generation", "managedFields", "selfLink"]
    /// Keys dropped anywhere under `status`: heartbeat and transition times, observed generations.
    static let status: Set<String> = [
        "lastTransitionTime", "lastHeartbeatTime", "lastProbeTime", "lastUpdateTime", "lastScheduleTime",
        "lastSuccessfulTime", "observedGeneration",
    ]
    /// Keys dropped anywhere in a derived JSON document, by item: values that differ on every run by design.
    static let documentKeys: [String: Set<String>] = [
        // HMAC fingerprints under a key that exists only during one run.
        "C06d": ["fingerprint"]
    ]

    /// The object without its volatile fields.
    static func strip(_ object: [String: Any]) -> [String: Any] {
        var copy = object
        if var metadata = copy["metadata"] as? [String: Any] {
            for key in Self.metadata { metadata.removeValue(forKey: key) }
            copy["metadata"] = metadata
        }
        if let status = copy["status"] { copy["status"] = dropping(Self.status, from: status) }
        return copy
    }

    /// `value` without the given keys at any depth.
    static func dropping(_ keys: Set<String>, from value: Any) -> Any {
        if let dictionary = value as? [String: Any] {
            var copy: [String: Any] = [:]
            for (key, inner) in dictionary where !keys.contains(key) { copy[key] = dropping(keys, from: inner) }
            return copy
        }
        if let array = value as? [Any] { return array.map { dropping(keys, from: $0) } }
        return value
    }

    /// A 128-bit digest of the canonical JSON (sorted keys) of `value`: equal content, equal digest.
    static func digest(_ value: Any) -> ContentDigest {
        let bytes = (try? JSONWriter.data(value)) ?? Data()
        return ContentDigest(SHA256.hash(data: bytes))
    }
}
