import Foundation

extension Redactor {
    /// Pod specs sit at `spec` (Pod), `spec.template.spec` (Deployment, Job…) or
    /// `spec.jobTemplate.spec.template.spec` (CronJob). `location` nil: an embedded copy (no findings).
    func redactPodSpecHolder(_ spec: [String: Any], location: Location?, prefix: String) -> [String: Any] {
        var spec = spec
        for containerField in ["initContainers", "containers", "ephemeralContainers"] {
            guard let containers = spec[containerField] as? [[String: Any]] else { continue }
            spec[containerField] = containers.map {
                redactContainer($0, location: location, path: "\(prefix).\(containerField)")
            }
        }
        if var template = spec["template"] as? [String: Any], let inner = template["spec"] as? [String: Any] {
            template["spec"] = redactPodSpecHolder(inner, location: location, prefix: "\(prefix).template.spec")
            if let metadata = template["metadata"] as? [String: Any] {
                template["metadata"] = redactMetadata(
                    metadata,
                    kind: "PodTemplate",
                    location: location,
                    prefix: "\(prefix).template."
                )
            }
            spec["template"] = template
        }
        if var jobTemplate = spec["jobTemplate"] as? [String: Any], let inner = jobTemplate["spec"] as? [String: Any] {
            jobTemplate["spec"] = redactPodSpecHolder(inner, location: location, prefix: "\(prefix).jobTemplate.spec")
            spec["jobTemplate"] = jobTemplate
        }
        return spec
    }

    /// Literal env values and command-line flag values (`--oidc-client-secret=…`, `--token …`).
    private func redactContainer(_ container: [String: Any], location: Location?, path: String) -> [String: Any] {
        var container = container
        let containerName = container["name"] as? String ?? "?"
        if let env = container["env"] as? [[String: Any]] {
            container["env"] = env.map { variable -> [String: Any] in
                guard let value = variable["value"] as? String,
                    let detector = detector(name: variable["name"] as? String, value: value)
                else { return variable }
                let name = variable["name"] as? String ?? "?"
                record(
                    "C06.literal-secret-env",
                    location,
                    field: "\(path)[\(containerName)].env[\(name)].value",
                    value: value,
                    detector: detector
                )
                var redacted = variable
                redacted["value"] = Self.marker
                return redacted
            }
        }
        for field in ["command", "args"] {
            guard let arguments = container[field] as? [Any] else { continue }
            container[field] = redactArguments(
                arguments,
                location: location,
                path: "\(path)[\(containerName)].\(field)"
            )
        }
        return container
    }

    /// A command line with secret flag values replaced: `--name=value` and `--name value` where the flag
    /// name looks secret, and any argument with a well-known secret format.
    func redactArguments(_ arguments: [Any], location: Location?, path: String) -> [Any] {
        var result = arguments
        var pendingFlag: String?
        for (index, element) in arguments.enumerated() {
            guard let argument = element as? String else {
                pendingFlag = nil
                continue
            }
            defer {
                pendingFlag =
                    argument.hasPrefix("-") && !argument.contains("=") && looksSecret(argument) ? argument : nil
            }
            if argument.hasPrefix("-"), let equals = argument.firstIndex(of: "=") {
                let flag = String(argument[..<equals])
                let value = String(argument[argument.index(after: equals)...])
                guard let detector = detector(name: flag, value: value) else { continue }
                record(
                    "C06.secret-in-arguments",
                    location,
                    field: "\(path)[\(index)]",
                    value: value,
                    detector: detector
                )
                result[index] = "\(flag)=\(Self.marker)"
            } else if let flag = pendingFlag, !argument.hasPrefix("-"),
                let detector = detector(name: flag, value: argument)
            {
                record(
                    "C06.secret-in-arguments",
                    location,
                    field: "\(path)[\(index)]",
                    value: argument,
                    detector: detector
                )
                result[index] = Self.marker
            } else if let rule = SecretValueRules.detect(argument) {
                record(
                    "C06.secret-in-arguments",
                    location,
                    field: "\(path)[\(index)]",
                    value: argument,
                    detector: "value:\(rule)"
                )
                result[index] = Self.marker
            }
        }
        return result
    }
}
