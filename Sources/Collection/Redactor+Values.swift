import Foundation

extension Redactor {
    /// Why a literal `value` (under `name`, when it has one) is a secret, or nil when it is not:
    /// `value:<rule>` when it has a well-known secret format (`SecretValueRules`, whatever the name),
    /// `name:<pattern>` when the name looks secret and the value is not clearly harmless (`isClearlyNotSecret`).
    func detector(name: String?, value: String) -> String? {
        guard !value.isEmpty else { return nil }
        if let rule = SecretValueRules.detect(value) { return "value:\(rule)" }
        guard let name, let pattern = secretPattern(name), !Self.isClearlyNotSecret(name: name, value: value) else {
            return nil
        }
        return "name:\(pattern)"
    }

    /// Values that cannot be a secret even under a secret-looking name: file paths
    /// (`SECRET_KEY_PATH=/etc/ml_secret_key`, `TOKEN_FILE=/var/run/…`), booleans, small numbers, references
    /// to other variables (`$(DB_PASSWORD)`), lists of option words, and object names under `…_NAME`,
    /// `…_NAMESPACE` or `…_REF` names (the name of a Secret, as a `secretKeyRef` holds it).
    static func isClearlyNotSecret(name: String, value: String) -> Bool {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return true }
        let lower = trimmed.lowercased()
        if ["true", "false", "yes", "no", "on", "off", "enabled", "disabled", "null", "none"].contains(lower) {
            return true
        }
        if trimmed.count <= 6, trimmed.allSatisfy(\.isASCII), trimmed.allSatisfy(\.isNumber) { return true }
        if isPath(trimmed) { return true }
        if isReference(trimmed) { return true }
        if isWordList(trimmed) { return true }
        // `DB_SECRET_NAME`, `--secret-namespace`, `--tlsSecretName`: the name of an object, not its content.
        let compact = name.uppercased().filter { $0.isLetter || $0.isNumber }
        if ["NAME", "NAMES", "NAMESPACE", "REF"].contains(where: { compact.hasSuffix($0) }), isObjectName(trimmed) {
            return true
        }
        return false
    }

    /// Two or more lower-case words separated by commas: `default,google,amazon` (a list of options).
    static func isWordList(_ text: String) -> Bool {
        let words = text.split(separator: ",", omittingEmptySubsequences: false)
        return words.count >= 2
            && words.allSatisfy { word in
                !word.isEmpty && word.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
            }
    }

    /// An absolute or explicitly relative file path without spaces or `:`: `/etc/x`, `./x`, `~/x`.
    static func isPath(_ text: String) -> Bool {
        guard ["/", "./", "../", "~/"].contains(where: { text.hasPrefix($0) }), text.count > 1 else { return false }
        return !text.contains { $0.isWhitespace || $0 == ":" || $0 == "@" }
    }

    /// `$(VAR)` or `${VAR}`: a reference expanded elsewhere, not a value.
    static func isReference(_ text: String) -> Bool {
        (text.hasPrefix("$(") && text.hasSuffix(")")) || (text.hasPrefix("${") && text.hasSuffix("}"))
    }

    /// A Kubernetes object name (DNS-1123 subdomain with at least one `-` or `.`, so a lone word is not one).
    static func isObjectName(_ text: String) -> Bool {
        guard text.count <= 253, text.contains(where: { $0 == "-" || $0 == "." }) else { return false }
        return text.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." }
    }
}
