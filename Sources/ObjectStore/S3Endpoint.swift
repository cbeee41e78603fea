import Foundation

/// How requests reach a bucket: AWS's regional endpoint (virtual-hosted style) by default, or
/// `--endpoint URL` (an S3-compatible server), with `--path-style` putting the bucket in the path.
public struct S3Endpoint: Sendable, Equatable {
    public var scheme: String
    public var host: String
    public var port: Int?
    public var region: String
    public var pathStyle: Bool

    public init(endpoint: String?, region: String, pathStyle: Bool) throws {
        self.region = region
        self.pathStyle = pathStyle
        guard let endpoint else {
            scheme = "https"
            host = "s3.\(region).amazonaws.com"
            port = nil
            return
        }
        guard let url = URL(string: endpoint), let scheme = url.scheme, ["http", "https"].contains(scheme),
            let host = url.host, url.path.isEmpty || url.path == "/", url.query == nil, url.user == nil
        else {
            throw S3Error.badEndpoint(endpoint)
        }
        self.scheme = scheme
        self.host = host
        self.port = url.port
    }

    /// The Host header and URL for an object key (nil: the bucket itself); `path` (URI-encoded once, as sent)
    /// is what is signed.
    func target(bucket: String, key: String?) -> (host: String, url: String, path: String) {
        let keyPath = key.map { "/" + $0 } ?? "/"
        let portSuffix = port.map { ":\($0)" } ?? ""
        let host: String
        let path: String
        if pathStyle {
            host = self.host + portSuffix
            path = "/\(bucket)" + (key.map { "/" + $0 } ?? "")
        } else {
            host = "\(bucket).\(self.host)" + portSuffix
            path = keyPath
        }
        let encoded = SigV4Signer.uriEncode(path, keepSlash: true)
        return (host, "\(scheme)://\(host)\(encoded)", encoded)
    }
}
