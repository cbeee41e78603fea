import AuditPackCore
import Foundation

extension Redactor {
    /// Fields of custom resources and admission webhooks that embed credentials: SecretStore webhook
    /// headers and URL, the `fake` provider's data, ExternalSecret `target.template.data` and literal
    /// templates, Kyverno `context[].variable.value`, webhook `clientConfig.url` with `user:password@`.
    func redactCustomResource(_ object: [String: Any], location: Location?) -> [String: Any] {
        var object = object
        switch object["kind"] as? String ?? "" {
        case "SecretStore", "ClusterSecretStore":
            object = updating(object, ["spec", "provider"]) { redactProvider($0, location: location) }
        case "ExternalSecret":
            object = updating(object, ["spec", "target", "template"]) {
                redactTemplate($0, location: location, field: "spec.target.template")
            }
        case "ClusterExternalSecret":
            object = updating(object, ["spec", "externalSecretSpec", "target", "template"]) {
                redactTemplate($0, location: location, field: "spec.externalSecretSpec.target.template")
            }
        case "ClusterPolicy", "Policy":
            object = updating(object, ["spec"]) { redactPolicyRules($0, location: location) }
        case "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration":
            guard let webhooks = object["webhooks"] as? [[String: Any]] else { break }
            object["webhooks"] = webhooks.map { webhook in
                let name = webhook["name"] as? String ?? "?"
                return updating(webhook, ["clientConfig"]) {
                    redactURL($0, location: location, field: "webhooks[\(name)].clientConfig.url")
                }
            }
        default:
            break
        }
        return object
    }

    /// `object` with the dictionary at `path` replaced by `change` (unchanged when the path is absent).
    func updating(
        _ object: [String: Any],
        _ path: [String],
        _ change: ([String: Any]) -> [String: Any]
    )
        -> [String: Any]
    {
        guard let first = path.first else { return change(object) }
        guard let inner = object[first] as? [String: Any] else { return object }
        var object = object
        object[first] = updating(inner, Array(path.dropFirst()), change)
        return object
    }

    private func replacingValues(
        _ values: [String: Any],
        location: Location?,
        field: String
    ) -> [String: Any] {
        var redacted = values
        for (key, value) in values {
            if let text = value as? String, text.isEmpty { continue }
            record(
                "C06.credential-in-custom-resource",
                location,
                field: "\(field).\(key)",
                value: "\(value)",
                detector: "field"
            )
            redacted[key] = Self.marker
        }
        return redacted
    }

    private func redactProvider(_ provider: [String: Any], location: Location?) -> [String: Any] {
        var provider = provider
        if var webhook = provider["webhook"] as? [String: Any] {
            if let headers = webhook["headers"] as? [String: Any] {
                webhook["headers"] = replacingValues(
                    headers,
                    location: location,
                    field: "spec.provider.webhook.headers"
                )
            }
            provider["webhook"] = redactURL(webhook, location: location, field: "spec.provider.webhook.url")
        }
        if var fake = provider["fake"] as? [String: Any], let data = fake["data"] as? [[String: Any]] {
            fake["data"] = data.map { entry -> [String: Any] in
                var entry = entry
                let key = entry["key"] as? String ?? "?"
                let field = "spec.provider.fake.data[\(key)]"
                if let value = entry["value"], !((value as? String)?.isEmpty ?? false) {
                    record(
                        "C06.credential-in-custom-resource",
                        location,
                        field: "\(field).value",
                        value: "\(value)",
                        detector: "field"
                    )
                    entry["value"] = Self.marker
                }
                if let map = entry["valueMap"] as? [String: Any] {
                    entry["valueMap"] = replacingValues(map, location: location, field: "\(field).valueMap")
                }
                return entry
            }
            provider["fake"] = fake
        }
        return provider
    }

    private func redactTemplate(_ template: [String: Any], location: Location?, field: String) -> [String: Any] {
        var template = template
        if let data = template["data"] as? [String: Any] {
            template["data"] = replacingValues(data, location: location, field: "\(field).data")
        }
        if let sources = template["templateFrom"] as? [[String: Any]] {
            template["templateFrom"] = sources.enumerated().map { index, source -> [String: Any] in
                guard let literal = source["literal"] as? String, !literal.isEmpty else { return source }
                record(
                    "C06.credential-in-custom-resource",
                    location,
                    field: "\(field).templateFrom[\(index)].literal",
                    value: literal,
                    detector: "field"
                )
                var source = source
                source["literal"] = Self.marker
                return source
            }
        }
        return template
    }

    private func redactPolicyRules(_ spec: [String: Any], location: Location?) -> [String: Any] {
        guard let rules = spec["rules"] as? [[String: Any]] else { return spec }
        var spec = spec
        spec["rules"] = rules.map { rule -> [String: Any] in
            guard let context = rule["context"] as? [[String: Any]] else { return rule }
            let ruleName = rule["name"] as? String ?? "?"
            var rule = rule
            rule["context"] = context.map { entry -> [String: Any] in
                guard var variable = entry["variable"] as? [String: Any], let value = variable["value"] else {
                    return entry
                }
                let name = entry["name"] as? String ?? "?"
                let text = (try? JSONWriter.data(value)).map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
                record(
                    "C06.credential-in-custom-resource",
                    location,
                    field: "spec.rules[\(ruleName)].context[\(name)].variable.value",
                    value: text,
                    detector: "field"
                )
                variable["value"] = Self.marker
                var entry = entry
                entry["variable"] = variable
                return entry
            }
            return rule
        }
        return spec
    }

    /// A `url` with `user:password@` keeps the user and loses the password.
    private func redactURL(_ holder: [String: Any], location: Location?, field: String) -> [String: Any] {
        guard let url = holder["url"] as? String, let stripped = Self.strippingPassword(url) else { return holder }
        record("C06.credential-in-custom-resource", location, field: field, value: url, detector: "value:url-password")
        var holder = holder
        holder["url"] = stripped
        return holder
    }

    /// `scheme://user:REDACTED@host…` when `url` carries a password, else nil.
    static func strippingPassword(_ url: String) -> String? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else {
            return nil
        }
        return String(url[..<colon]) + ":" + marker + String(url[at...])
    }
}
