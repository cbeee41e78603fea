import Foundation
import Hummingbird
import NIOCore

/// A loopback STS that answers AssumeRoleWithWebIdentity with fixed temporary credentials, and records
/// the form it was sent (so a test can check the role and token went through).
final class STSStub: @unchecked Sendable {
    private let lock = NSLock()
    private var forms: [String] = []
    private var task: Task<Void, Never>?
    private(set) var port = 0

    var received: [String] { lock.withLock { forms } }

    var endpoint: String { "http://127.0.0.1:\(port)" }

    func start(status: HTTPResponse.Status = .ok) async throws {
        let router = Router()
        router.post("/") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 16)
            self.lock.withLock { self.forms.append(String(buffer: body)) }
            let xml =
                status == .ok
                ? """
                <AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>\
                <AccessKeyId>ASIASTSTEST</AccessKeyId><SecretAccessKey>sts-secret</SecretAccessKey>\
                <SessionToken>sts-session-token</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration>\
                </Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>
                """
                : "<ErrorResponse><Error><Code>AccessDenied</Code><Message>Not authorized</Message></Error></ErrorResponse>"
            return Response(status: status, body: .init(byteBuffer: ByteBuffer(string: xml)))
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }
        )
        task = Task { try? await app.runService() }
        var iterator = ports.makeAsyncIterator()
        port = await iterator.next() ?? 0
    }

    func stop() async {
        task?.cancel()
        await task?.value
    }
}
