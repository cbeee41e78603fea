import Foundation

/// The configuration a pod gets from its service account (what client-go's `rest.InClusterConfig` reads).
public enum InClusterConfig {
    public static let defaultDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// Builds the connection from `KUBERNETES_SERVICE_HOST`/`_PORT` and the mounted token and CA.
    /// The token is re-read on every request, so the kubelet's rotation is picked up.
    public static func connection(environment: [String: String], directory: String) throws -> ConnectionConfig {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw KubeAPIError.inClusterUnavailable(
                reason: "KUBERNETES_SERVICE_HOST or KUBERNETES_SERVICE_PORT is not set"
            )
        }
        let tokenPath = (directory as NSString).appendingPathComponent("token")
        let caPath = (directory as NSString).appendingPathComponent("ca.crt")
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw KubeAPIError.inClusterUnavailable(
                reason: "the service account token \(tokenPath) is missing; set automountServiceAccountToken: true"
            )
        }
        guard let ca = FileManager.default.contents(atPath: caPath) else {
            throw KubeAPIError.inClusterUnavailable(reason: "the service account CA \(caPath) is missing")
        }
        let namespace = FileManager.default.contents(
            atPath: (directory as NSString).appendingPathComponent("namespace")
        )
        .flatMap { String(data: $0, encoding: .utf8) }?.trimmingCharacters(in: .whitespacesAndNewlines)
        let hostPart = host.contains(":") ? "[\(host)]" : host  // IPv6 service addresses
        return ConnectionConfig(
            server: "https://\(hostPart):\(port)",
            contextName: "in-cluster",
            clusterName: "in-cluster",
            userName: "serviceaccount",
            namespace: namespace,
            certificateAuthorityPEM: ca,
            credentials: .tokenFile(tokenPath)
        )
    }
}
