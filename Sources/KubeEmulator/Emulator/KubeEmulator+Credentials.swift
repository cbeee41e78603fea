import Foundation

extension KubeEmulator {
    /// A client certificate signed by the emulator's CA: CN = `username`, O = each of `groups`.
    ///
    /// The key is EC P-256 as PKCS#8 by default; `.rsaPKCS1` gives an RSA 2048 key as PKCS#1 and `.ecSEC1`
    /// an EC key as SEC 1, for key-format tests.
    public func issueClientCertificate(
        username: String,
        groups: [String] = [],
        keyFormat: ClientKeyFormat = .pkcs8
    )
        throws -> (certificatePEM: String, privateKeyPEM: String)
    {
        try authority().clientCertificate(username: username, groups: groups, keyFormat: keyFormat)
    }

    /// The PEM of a freshly generated CA that has nothing to do with any emulator (for "unknown CA" tests).
    public static func unrelatedCAPEM() throws -> String {
        try CertificateAuthority(commonName: "unrelated-ca").certificatePEM
    }

    /// A kubeconfig pointing at ``baseURL`` (with the CA as certificate-authority-data over TLS), with one
    /// cluster, user and context named `contextName`, and that context selected. Call after ``start()``.
    public func kubeconfigYAML(
        user: KubeconfigUser = .token("auditpack-demo-token"),
        contextName: String = "auditpack-sandbox"
    ) -> String {
        var cluster = "    server: \(baseURL)\n"
        if engine.tls {
            cluster += "    certificate-authority-data: \(Data(caCertificatePEM.utf8).base64EncodedString())\n"
        }
        let userSection: String
        switch user {
        case .token(let token):
            userSection = "    token: \(Self.quoted(token))\n"
        case .clientCertificate(let certificatePEM, let privateKeyPEM):
            userSection =
                "    client-certificate-data: \(Data(certificatePEM.utf8).base64EncodedString())\n"
                + "    client-key-data: \(Data(privateKeyPEM.utf8).base64EncodedString())\n"
        case .anonymous:
            userSection = "    {}\n"
        }
        let name = Self.quoted(contextName)
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: \(name)
              cluster:
            \(cluster)users:
            - name: \(name)
              user:
            \(userSection)contexts:
            - name: \(name)
              context:
                cluster: \(name)
                user: \(name)
            current-context: \(name)
            preferences: {}

            """
    }

    /// The requests received so far, oldest first.
    public var requestLog: [LoggedRequest] {
        engine.requestLog
    }

    /// Forgets the requests received so far.
    public func resetRequestLog() {
        engine.resetRequestLog()
    }

    /// Replaces the injected faults; each affects its next `times` matching requests.
    public func setFaults(_ faults: [Fault]) {
        engine.setFaults(faults)
    }

    /// Injects random faults at the profile's rates from now on (nil stops them).
    public func setFaultProfile(_ profile: FaultProfile?) {
        engine.setFaultProfile(profile)
    }

    /// Stops accepting a bearer token from now on (401), as when a rotated service-account token expires.
    public func revokeToken(_ token: String) {
        engine.revoke(token: token)
    }

    /// Makes the next request that carries a `continue` token fail with 410 Gone (reason Expired), once.
    public func expireContinueTokens() {
        engine.expireContinueTokens()
    }

    private func authority() throws -> CertificateAuthority {
        try authorityResult.get()
    }

    private static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
