import Foundation
import KubeAPI

extension Redactor {
    /// Whether an item's raw bytes could hold anything `redact` would change, decided without parsing.
    ///
    /// Conservative: it answers false only when no JSON object in the item has both a `name` that looks
    /// secret (or holds an escape) and a non-empty string `value` — the shape of a literal env var. The
    /// last-applied annotation's JSON is unescaped and scanned the same way, and any `data`/`stringData` in
    /// it means yes. `valueFrom` references carry no secret, so most workloads pass through untouched.
    func mayHoldSecret(_ bytes: Data) -> Bool {
        bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let scan = ByteScan(raw)
            if scan.find("last-applied-configuration") != nil,
                scan.find(#"\"data\""#) != nil || scan.find(#"\"stringData\""#) != nil
            {
                return true
            }
            return hasSecretPair(scan)
        }
    }

    /// Whether some object has a secret-looking `name` string and a non-empty `value` string, or a
    /// last-applied annotation whose JSON does. Unreadable bytes: yes.
    private func hasSecretPair(_ scan: ByteScan) -> Bool {
        // Per open object or array: (name looks secret, value is a non-empty string).
        var pairs: [(name: Bool, value: Bool)] = []
        var found = false
        let walk = scan.walk { event, frames in
            switch event {
            case .open:
                pairs.append((false, false))
            case .close:
                let pair = pairs.removeLast()
                found = pair.name && pair.value
            case .string(let range):
                guard let frame = frames.last, frame.isObject else { break }
                let text = scan.contents(range)
                if scan.key(frame, is: "name") {
                    if text.contains(UInt8(ascii: "\\")) || looksSecret(bytes: text) {
                        pairs[pairs.count - 1].name = true
                    }
                } else if scan.key(frame, is: "value") {
                    if !text.isEmpty { pairs[pairs.count - 1].value = true }
                } else if scan.key(frame, is: "kubectl.kubernetes.io/last-applied-configuration") {
                    // JSON inside a JSON string: unescape it, then scan it alike.
                    found = scan.text(range).map { mayHoldSecret(Data($0.utf8)) } ?? true
                }
            }
            return !found
        }
        return found || walk == .malformed
    }

    /// `looksSecret` on raw bytes: upper-cased, `-` and `.` read as `_`. Non-ASCII names count as secret.
    func looksSecret(bytes: UnsafeRawBufferPointer) -> Bool {
        var normalized = [UInt8]()
        normalized.reserveCapacity(bytes.count)
        for byte in bytes {
            guard byte < 0x80 else { return true }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): normalized.append(byte - 32)
            case UInt8(ascii: "-"), UInt8(ascii: "."): normalized.append(UInt8(ascii: "_"))
            default: normalized.append(byte)
            }
        }
        return patternBytes.contains { pattern in
            pattern.count <= normalized.count
                && (0...(normalized.count - pattern.count)).contains { start in
                    normalized[start..<(start + pattern.count)].elementsEqual(pattern)
                }
        }
    }
}
