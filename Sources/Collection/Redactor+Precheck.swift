import Foundation
import KubeAPI

extension Redactor {
    /// Whether an item's raw bytes could hold anything `redact` would change, decided without parsing.
    ///
    /// Conservative: it answers false only when no JSON object in the item has both a `name` that looks
    /// secret (or holds an escape) and a non-empty string `value` — the shape of a literal env var —, no
    /// `value`, annotation value or command-line argument has a well-known secret format, no argument is a
    /// secret-looking flag (`--oidc-client-secret=…`), and every embedded-object annotation
    /// (`last-applied-configuration`) is clean JSON that passes the same test (any `data`/`stringData` in
    /// it means yes). Keys are compared after decoding escapes (`"v\u0061lue"`). `valueFrom` references
    /// carry no secret, so most workloads pass through untouched.
    func mayHoldSecret(_ bytes: Data) -> Bool {
        bytes.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            let scan = ByteScan(raw)
            if scan.find("last-applied-configuration") != nil || scan.find("kapp.k14s.io/original") != nil,
                scan.find(#"\"data\""#) != nil || scan.find(#"\"stringData\""#) != nil
            {
                return true
            }
            return hasSecretPair(scan)
        }
    }

    /// Whether some object has a secret-looking `name` string and a non-empty `value` string, or another
    /// sign listed at `mayHoldSecret`. Unreadable bytes: yes.
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
                guard let frame = frames.last else { break }
                let text = scan.contents(range)
                let parent = frames.count >= 2 ? frames[frames.count - 2] : nil
                if !frame.isObject {
                    if let parent, scan.key(parent, is: "command") || scan.key(parent, is: "args") {
                        found = isSecretArgument(scan, range)
                    }
                } else if scan.key(frame, is: "name") {
                    if text.contains(UInt8(ascii: "\\")) || looksSecret(bytes: text) {
                        pairs[pairs.count - 1].name = true
                    }
                } else if scan.key(frame, is: "value") {
                    if !text.isEmpty { pairs[pairs.count - 1].value = true }
                    found = hasSecretFormat(scan, range)
                } else if scan.key(frame, is: "kubectl.kubernetes.io/last-applied-configuration")
                    || scan.key(frame, is: "kapp.k14s.io/original")
                {
                    // JSON inside a JSON string: unescape it, then scan it alike; unclean JSON is replaced.
                    found = scan.text(range).map(mayHoldSecret(embedded:)) ?? true
                } else if let parent, scan.key(parent, is: "annotations") {
                    found = hasSecretFormat(scan, range)
                }
            }
            return !found
        }
        return found || walk == .malformed
    }

    /// Whether an embedded copy of an object (an annotation's JSON) holds anything `redact` changes: any
    /// data field, any escape (which could hide one), unclean JSON, or what `mayHoldSecret` looks for.
    private func mayHoldSecret(embedded text: String) -> Bool {
        // Byte searches (Foundation's String.contains was a tenth of the pre-check): they find at least what a
        // Unicode-aware search finds, so any difference fails closed.
        let data = Data(text.utf8)
        guard StrictJSON.isCleanObject(text), !data.contains(UInt8(ascii: "\\")) else { return true }
        let dataFields = [#""data""#, #""stringData""#, #""binaryData""#]
        return data.withUnsafeBytes { raw in
            let scan = ByteScan(raw)
            return dataFields.contains { scan.find($0) != nil }
        } || mayHoldSecret(data)
    }

    /// Whether the string at `range` has a well-known secret format (after unescaping).
    private func hasSecretFormat(_ scan: ByteScan, _ range: Range<Int>) -> Bool {
        let text = scan.contents(range)
        guard text.contains(UInt8(ascii: "\\")) else { return SecretValueRules.detect(text) != nil }
        return scan.text(range).map { SecretValueRules.detect($0) != nil } ?? true
    }

    /// A flag whose name looks secret (`--oidc-client-secret=…`, `--token`), or an argument with a
    /// well-known secret format.
    private func isSecretArgument(_ scan: ByteScan, _ range: Range<Int>) -> Bool {
        let text = scan.contents(range)
        if text.first == UInt8(ascii: "-") {
            let name = text.firstIndex(of: UInt8(ascii: "=")).map { UnsafeRawBufferPointer(rebasing: text[..<$0]) }
            if text.contains(UInt8(ascii: "\\")) || looksSecret(bytes: name ?? text) { return true }
        }
        return hasSecretFormat(scan, range)
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
