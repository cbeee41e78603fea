import Foundation
import Yams

extension Kubeconfig {
    /// Parses one kubeconfig document. `file` names it in errors and anchors relative paths.
    public static func parse(yaml: String, file: String) throws -> Kubeconfig {
        let root: Any?
        do {
            root = try Yams.load(yaml: yaml)
        } catch {
            throw KubeAPIError.kubeconfigInvalid(file: file, reason: Self.yamlProblem(error))
        }
        var config = Kubeconfig()
        config.files = [file]
        guard let root else { return config }  // an empty file is an empty config, as for kubectl
        guard let document = root as? [String: Any] else {
            throw KubeAPIError.kubeconfigInvalid(file: file, reason: "the top level is not a mapping")
        }
        let base = (file as NSString).deletingLastPathComponent
        let reader = EntryReader(file: file)
        for (name, body) in try reader.namedEntries(document["clusters"], key: "clusters", inner: "cluster") {
            guard let server = body["server"] as? String, !server.isEmpty else {
                throw KubeAPIError.kubeconfigInvalid(file: file, reason: "cluster \"\(name)\" has no server")
            }
            config.clusters[name] =
                config.clusters[name]
                ?? Cluster(
                    server: server,
                    certificateAuthority: body["certificate-authority"] as? String,
                    certificateAuthorityData: body["certificate-authority-data"] as? String,
                    insecureSkipTLSVerify: body["insecure-skip-tls-verify"] as? Bool ?? false,
                    tlsServerName: body["tls-server-name"] as? String,
                    proxyURL: body["proxy-url"] as? String,
                    baseDirectory: base
                )
        }
        for (name, body) in try reader.namedEntries(document["users"], key: "users", inner: "user") {
            let exec = try reader.exec(body["exec"], user: name)
            config.users[name] =
                config.users[name]
                ?? User(
                    token: body["token"] as? String,
                    tokenFile: body["tokenFile"] as? String,
                    clientCertificate: body["client-certificate"] as? String,
                    clientCertificateData: body["client-certificate-data"] as? String,
                    clientKey: body["client-key"] as? String,
                    clientKeyData: body["client-key-data"] as? String,
                    exec: exec,
                    hasBasicAuth: body["username"] != nil || body["password"] != nil,
                    authProvider: (body["auth-provider"] as? [String: Any])?["name"] as? String,
                    baseDirectory: base
                )
        }
        for (name, body) in try reader.namedEntries(document["contexts"], key: "contexts", inner: "context") {
            config.contexts[name] =
                config.contexts[name]
                ?? Context(
                    cluster: body["cluster"] as? String ?? "",
                    user: body["user"] as? String ?? "",
                    namespace: body["namespace"] as? String
                )
        }
        if let current = document["current-context"] as? String, !current.isEmpty {
            config.currentContext = current
        }
        return config
    }
}

/// Reads the `- name: x / cluster: {...}` lists of a kubeconfig, naming the file in every error.
private struct EntryReader {
    let file: String

    func namedEntries(_ value: Any?, key: String, inner: String) throws -> [(String, [String: Any])] {
        guard let value else { return [] }
        guard let list = value as? [Any] else {
            throw KubeAPIError.kubeconfigInvalid(file: file, reason: "\(key) is not a list")
        }
        return try list.enumerated().map { index, element in
            guard let entry = element as? [String: Any], let name = entry["name"] as? String else {
                throw KubeAPIError.kubeconfigInvalid(file: file, reason: "\(key)[\(index)] has no name")
            }
            guard let body = entry[inner] as? [String: Any] else {
                throw KubeAPIError.kubeconfigInvalid(file: file, reason: "\(key) entry \"\(name)\" has no \(inner)")
            }
            return (name, body)
        }
    }

    func exec(_ value: Any?, user: String) throws -> Kubeconfig.ExecConfig? {
        guard let value else { return nil }
        guard let body = value as? [String: Any], let command = body["command"] as? String, !command.isEmpty else {
            throw KubeAPIError.kubeconfigInvalid(
                file: file,
                reason: "user \"\(user)\" has an exec section without command"
            )
        }
        let apiVersion = body["apiVersion"] as? String ?? ""
        guard ExecCredentialPlugin.supportedAPIVersions.contains(apiVersion) else {
            throw KubeAPIError.kubeconfigInvalid(
                file: file,
                reason: "user \"\(user)\" exec apiVersion \"\(apiVersion)\" is not one of "
                    + ExecCredentialPlugin.supportedAPIVersions.joined(separator: ", ")
            )
        }
        let env = (body["env"] as? [[String: Any]] ?? []).compactMap { entry -> (String, String)? in
            guard let name = entry["name"] as? String else { return nil }
            return (name, entry["value"] as? String ?? "")
        }
        return Kubeconfig.ExecConfig(
            apiVersion: apiVersion,
            command: command,
            args: (body["args"] as? [Any] ?? []).map { "\($0)" },
            env: env,
            provideClusterInfo: body["provideClusterInfo"] as? Bool ?? false,
            installHint: body["installHint"] as? String
        )
    }
}
