import Foundation

/// Value-based secret detection: well-known credential formats, recognised whatever the name they sit
/// under (a PEM private key in `SIGNING_KEY`, `bearer …` in `AUTH_HEADER`, an access key id in `DB_URL`).
///
/// The formats follow the rules of public secret scanners, simplified to byte checks (no regular
/// expressions, so the pre-check can afford them on every literal value):
/// - `private-key`: gitleaks rule `private-key` (`-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY…-----`);
///   trufflehog detector `privatekey`.
/// - `aws-access-key-id`: gitleaks rule `aws-access-token` (`(A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}`);
///   trufflehog detector `aws`.
/// - `jwt`: gitleaks rule `jwt` (`ey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9/\\_-]{17,}\.…`); trufflehog `jwt`.
/// - `bearer-token`: an HTTP `Authorization: Bearer` credential (RFC 6750 token68 of 8+ characters).
/// - `url-password`: a URL with `user:password@` (trufflehog detector `uri`; gitleaks `generic-url-password`
///   style).
/// - `github-token`: gitleaks rules `github-pat`, `github-oauth`, `github-app-token`,
///   `github-refresh-token` (`gh[pousr]_[0-9a-zA-Z]{36}`) and `github-fine-grained-pat` (`github_pat_…`).
/// - `slack-token`: gitleaks rules `slack-bot-token`, `slack-user-token`, `slack-app-token`,
///   `slack-legacy-*` (`xox[baprse]-…`, `xapp-…`) and `slack-webhook-url` (`hooks.slack.com/services/…`).
///
/// Sources: https://github.com/gitleaks/gitleaks/blob/master/config/gitleaks.toml and
/// https://github.com/trufflesecurity/trufflehog/tree/main/pkg/detectors.
enum SecretValueRules {
    static let names = [
        "private-key", "aws-access-key-id", "jwt", "bearer-token", "url-password", "github-token", "slack-token",
    ]

    /// The first rule that matches `value`, if any.
    static func detect(_ value: String) -> String? {
        var value = value
        return value.withUTF8 { detect(UnsafeRawBufferPointer($0)) }
    }

    /// The first rule that matches the bytes, if any. One pass; each rule is tried only at its first byte.
    static func detect(_ bytes: UnsafeRawBufferPointer) -> String? {
        let count = bytes.count
        guard count >= 8 else { return nil }
        var index = 0
        while index < count {
            switch bytes[index] {
            case UInt8(ascii: "-"):
                if privateKey(bytes, at: index) { return "private-key" }
            case UInt8(ascii: "A"):
                if awsKeyID(bytes, at: index) { return "aws-access-key-id" }
            case UInt8(ascii: "e"):
                if jwt(bytes, at: index) { return "jwt" }
            case UInt8(ascii: "b"), UInt8(ascii: "B"):
                if bearer(bytes, at: index) { return "bearer-token" }
            case UInt8(ascii: ":"):
                if urlPassword(bytes, at: index) { return "url-password" }
            case UInt8(ascii: "g"):
                if githubToken(bytes, at: index) { return "github-token" }
            case UInt8(ascii: "x"), UInt8(ascii: "h"):
                if slackToken(bytes, at: index) { return "slack-token" }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    // MARK: - Byte helpers

    static func has(
        _ bytes: UnsafeRawBufferPointer,
        _ text: StaticString,
        at index: Int,
        ignoringCase: Bool = false
    )
        -> Bool
    {
        let length = text.utf8CodeUnitCount
        guard index >= 0, index + length <= bytes.count else { return false }
        let pattern = UnsafeBufferPointer(start: text.utf8Start, count: length)
        for offset in 0..<length {
            var byte = bytes[index + offset]
            if ignoringCase, byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 32 }
            if byte != pattern[offset] { return false }
        }
        return true
    }

    /// How many bytes from `index` satisfy `accept`.
    static func run(_ bytes: UnsafeRawBufferPointer, from index: Int, _ accept: (UInt8) -> Bool) -> Int {
        var end = index
        while end < bytes.count, accept(bytes[end]) { end += 1 }
        return end - index
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    static func isURLSafe(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    // MARK: - Rules

    private static func privateKey(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        guard has(bytes, "-----BEGIN", at: index) else { return false }
        let limit = min(bytes.count, index + 10 + 100 + 11)
        var cursor = index + 10
        while cursor < limit {
            if has(bytes, "PRIVATE KEY", at: cursor) { return true }
            cursor += 1
        }
        return false
    }

    private static func awsKeyID(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        guard index == 0 || !isAlphanumeric(bytes[index - 1]) else { return false }
        let prefixed =
            has(bytes, "AKIA", at: index) || has(bytes, "ASIA", at: index) || has(bytes, "ABIA", at: index)
            || has(bytes, "ACCA", at: index)
            || (has(bytes, "A3T", at: index) && index + 3 < bytes.count && isAlphanumeric(bytes[index + 3]))
        guard prefixed else { return false }
        let body = run(bytes, from: index + 4) {
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (UInt8(ascii: "2")...UInt8(ascii: "7")).contains($0)
        }
        return body >= 16
    }

    private static func jwt(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        guard has(bytes, "ey", at: index) else { return false }
        let header = run(bytes, from: index + 2, isURLSafe)
        let second = index + 2 + header
        guard header >= 17, has(bytes, ".ey", at: second) else { return false }
        let payload = run(bytes, from: second + 3) { isURLSafe($0) || $0 == UInt8(ascii: "/") }
        return payload >= 17 && has(bytes, ".", at: second + 3 + payload)
    }

    private static func bearer(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        guard has(bytes, "bearer", at: index, ignoringCase: true) else { return false }
        guard index == 0 || !isAlphanumeric(bytes[index - 1]) else { return false }
        let spaces = run(bytes, from: index + 6) { $0 == 0x20 || $0 == 0x09 }
        guard spaces > 0 else { return false }
        let token = run(bytes, from: index + 6 + spaces) {
            isURLSafe($0) || [UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: "+"), UInt8(ascii: "/")].contains($0)
        }
        return token >= 8
    }

    /// `scheme://user:password@host` with a non-empty password; `index` is the `:` after the scheme.
    private static func urlPassword(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        guard has(bytes, "://", at: index), index > 0, isAlphanumeric(bytes[index - 1]) else { return false }
        let start = index + 3
        var cursor = start
        var colon: Int?
        while cursor < bytes.count {
            let byte = bytes[cursor]
            if [UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0x20, 0x0A, 0x09, UInt8(ascii: "\"")]
                .contains(byte)
            {
                return false
            }
            if byte == UInt8(ascii: ":"), colon == nil { colon = cursor }
            if byte == UInt8(ascii: "@") {
                guard let colon else { return false }
                return cursor - colon > 1
            }
            cursor += 1
        }
        return false
    }

    private static func githubToken(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        if has(bytes, "github_pat_", at: index) {
            return run(bytes, from: index + 11) { isAlphanumeric($0) || $0 == UInt8(ascii: "_") } >= 22
        }
        guard has(bytes, "gh", at: index), index + 3 < bytes.count, bytes[index + 3] == UInt8(ascii: "_"),
            [UInt8(ascii: "p"), UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "s"), UInt8(ascii: "r")]
                .contains(bytes[index + 2])
        else { return false }
        return run(bytes, from: index + 4, isAlphanumeric) >= 36
    }

    private static func slackToken(_ bytes: UnsafeRawBufferPointer, at index: Int) -> Bool {
        if has(bytes, "hooks.slack.com/services/", at: index) {
            return run(bytes, from: index + 25) { isAlphanumeric($0) || $0 == UInt8(ascii: "/") } >= 20
        }
        if has(bytes, "xapp-", at: index) {
            return run(bytes, from: index + 5) { isAlphanumeric($0) || $0 == UInt8(ascii: "-") } >= 10
        }
        guard has(bytes, "xox", at: index), index + 4 < bytes.count, bytes[index + 4] == UInt8(ascii: "-"),
            [
                UInt8(ascii: "b"), UInt8(ascii: "a"), UInt8(ascii: "p"), UInt8(ascii: "r"), UInt8(ascii: "s"),
                UInt8(ascii: "e"),
            ]
            .contains(bytes[index + 3])
        else { return false }
        return run(bytes, from: index + 5) { isAlphanumeric($0) || $0 == UInt8(ascii: "-") } >= 10
    }
}
