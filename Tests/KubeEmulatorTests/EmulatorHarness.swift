import Foundation
import KubeEmulator

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A started emulator plus a plain URLSession client for it.
struct EmulatorHarness {
    let emulator: KubeEmulator
    let session: URLSession

    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: Data

        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        }

        var text: String { String(decoding: body, as: UTF8.self) }

        /// `metadata.name` of each list item.
        var itemNames: [String] {
            (json["items"] as? [[String: Any]] ?? []).compactMap {
                ($0["metadata"] as? [String: Any])?["name"] as? String
            }
        }
    }

    static let token = "auditpack-demo-token"

    /// Starts an emulator over plain HTTP (URLSession on Linux cannot trust a custom CA).
    static func start(
        store: ClusterStore? = nil,
        configure: (inout EmulatorOptions) -> Void = { _ in }
    ) async throws -> EmulatorHarness {
        var options = EmulatorOptions()
        options.tls = false
        configure(&options)
        let emulator = KubeEmulator(store: try store ?? TestCluster.store(), options: options)
        try await emulator.start()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 10
        return EmulatorHarness(emulator: emulator, session: URLSession(configuration: configuration))
    }

    /// Sends a GET; `token` nil sends no credentials.
    func send(_ pathAndQuery: String, token: String? = Self.token) async throws -> Reply {
        try await send("GET", pathAndQuery, token: token)
    }

    /// Sends a request; `token` nil sends no credentials.
    func send(
        _ method: String,
        _ pathAndQuery: String,
        token: String? = Self.token,
        body: Data? = nil
    )
        async throws -> Reply
    {
        guard let url = URL(string: emulator.baseURL + pathAndQuery) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            if let key = key as? String, let value = value as? String { headers[key.lowercased()] = value }
        }
        return Reply(status: http.statusCode, headers: headers, body: data)
    }

    func stop() async {
        session.invalidateAndCancel()
        await emulator.stop()
    }
}

/// Runs `body` with a started harness (plain HTTP) and always stops it.
func withHarness<T>(
    store: ClusterStore? = nil,
    denials: [Denial] = [],
    extraTokens: [String: UserInfo] = [:],
    _ body: (EmulatorHarness) async throws -> T
) async throws -> T {
    let harness = try await EmulatorHarness.start(store: store) { options in
        options.denials = denials
        options.tokens.merge(extraTokens) { _, new in new }
    }
    do {
        let result = try await body(harness)
        await harness.stop()
        return result
    } catch {
        await harness.stop()
        throw error
    }
}
