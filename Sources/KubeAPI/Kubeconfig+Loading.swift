import Foundation

extension Kubeconfig {
    /// Loads the kubeconfig kubectl would use: `explicitPath` (`--kubeconfig`) if given, else every file of
    /// `KUBECONFIG` (colon-separated, missing files skipped, merged first-wins), else `~/.kube/config`.
    /// Returns nil when none of them exists (the caller may then try in-cluster configuration).
    public static func load(explicitPath: String?, environment: [String: String]) throws -> Kubeconfig? {
        if let explicitPath {
            guard FileManager.default.fileExists(atPath: explicitPath) else {
                throw KubeAPIError.kubeconfigNotFound(paths: [explicitPath])
            }
            return try read(file: explicitPath)
        }
        let candidates: [String]
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            candidates = list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            candidates = [(home as NSString).appendingPathComponent(".kube/config")]
        }
        var merged: Kubeconfig?
        for file in candidates where FileManager.default.fileExists(atPath: file) {
            let config = try read(file: file)
            merged = merged.map { $0.merging(config) } ?? config
        }
        return merged
    }

    /// Where `load` looks, for error messages.
    public static func searchPaths(explicitPath: String?, environment: [String: String]) -> [String] {
        if let explicitPath { return [explicitPath] }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            return list.split(separator: ":").map(String.init)
        }
        return [((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".kube/config")]
    }

    static func read(file: String) throws -> Kubeconfig {
        let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
        let text: String
        do {
            text = try String(contentsOfFile: absolute, encoding: .utf8)
        } catch {
            throw KubeAPIError.kubeconfigInvalid(file: absolute, reason: "unreadable (\(error.localizedDescription))")
        }
        return try parse(yaml: text, file: absolute)
    }
}
