import Foundation

extension Redactor {
    /// ConfigMap `data`: a value is replaced when its key looks secret or it has a well-known secret
    /// format; inside configuration files (`application.properties`, `.env`, YAML), each `key=value` or
    /// `key: value` line whose key looks secret has its value replaced. `binaryData` is never kept.
    func redactConfigMap(_ object: [String: Any], location: Location?) -> [String: Any] {
        var object = object
        if let data = object["data"] as? [String: Any] {
            var redacted = data
            for (key, value) in data {
                guard let text = value as? String, !text.isEmpty else { continue }
                if let detector = detector(name: key, value: text) {
                    record("C06.configmap-secret-key", location, field: "data.\(key)", value: text, detector: detector)
                    redacted[key] = Self.marker
                } else if let lines = redactConfigLines(text, location: location, field: "data.\(key)") {
                    redacted[key] = lines
                }
            }
            object["data"] = redacted
        }
        if let binary = object["binaryData"] as? [String: Any] {
            object["binaryData"] = binary.mapValues { _ in Self.marker }
        }
        return object
    }

    /// The text with secret values of `key=value` / `key: value` lines replaced, or nil when none is.
    private func redactConfigLines(_ text: String, location: Location?, field: String) -> String? {
        guard text.contains("\n") || text.contains("=") || text.contains(":") else { return nil }
        var changed = false
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { return line }
            let key = line[..<separator].trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\"'-"))
            let rawValue = line[line.index(after: separator)...]
            let value = rawValue.trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\"',"))
            guard !key.isEmpty, !key.contains(" "), let detector = detector(name: key, value: value) else {
                return line
            }
            record(
                "C06.configmap-secret-key",
                location,
                field: "\(field)[\(key)]",
                value: value,
                detector: detector
            )
            changed = true
            return line[...separator] + " " + Self.marker
        }
        return changed ? lines.joined(separator: "\n") : nil
    }
}
