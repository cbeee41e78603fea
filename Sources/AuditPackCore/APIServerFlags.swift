import Foundation

/// Reads kube-apiserver flags from a pod object (collection and evaluation share this).
public enum APIServerFlags {
    /// `command` + `args` of the kube-apiserver container (or the first container).
    public static func arguments(of pod: [String: Any]) -> [String] {
        let containers = (pod["spec"] as? [String: Any])?["containers"] as? [[String: Any]] ?? []
        let container = containers.first { $0["name"] as? String == "kube-apiserver" } ?? containers.first ?? [:]
        return (container["command"] as? [String] ?? []) + (container["args"] as? [String] ?? [])
    }

    /// The value of `--flag=value` or `--flag value`; "true" for a bare `--flag`; nil when absent.
    public static func value(of flag: String, in arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix(flag + "=") { return String(argument.dropFirst(flag.count + 1)) }
            if argument == flag {
                let next = arguments.indices.contains(index + 1) ? arguments[index + 1] : ""
                return next.isEmpty || next.hasPrefix("--") ? "true" : next
            }
        }
        return nil
    }
}
