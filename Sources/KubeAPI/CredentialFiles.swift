import Foundation

/// Reads `x` / `x-data` pairs: a path relative to the kubeconfig's folder, or base64 data.
struct CredentialFiles {
    let baseDirectory: String
    let entry: String

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : (baseDirectory as NSString).appendingPathComponent(path)
    }

    func read(field: String, path: String) throws -> Data {
        let resolved = resolve(path)
        guard let data = FileManager.default.contents(atPath: resolved) else {
            let reason = FileManager.default.fileExists(atPath: resolved) ? "permission denied" : "no such file"
            throw KubeAPIError.credentialFileUnreadable(field: field, path: resolved, reason: reason)
        }
        return data
    }

    func material(field: String, path: String?, data: String?) throws -> Data? {
        if let data, !data.isEmpty {
            let compact = data.filter { !$0.isWhitespace }
            guard let decoded = Data(base64Encoded: compact) else {
                throw KubeAPIError.invalidCredentialData(field: "\(field)-data", entry: entry, reason: "not base64")
            }
            return decoded
        }
        if let path, !path.isEmpty { return try read(field: field, path: path) }
        return nil
    }
}
