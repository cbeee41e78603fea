import Foundation
import Hummingbird

extension APIResponder {
    /// The bytes a trickling answer announces.
    static let trickleLength = 1_000

    /// 200 with headers at once, then the body one byte every `interval`; stops when the client goes away.
    func trickle(interval: Duration, context: Context) -> Response {
        let channel = context.connection.source.channel
        let body = ResponseBody(contentLength: Self.trickleLength) { writer in
            for _ in 0..<Self.trickleLength {
                // Sleep in short steps so a client that gave up (or a stopping emulator) ends this promptly.
                let due = ContinuousClock.now + interval
                while ContinuousClock.now < due {
                    guard channel.isActive, !Task.isCancelled else { return }
                    try await Task.sleep(for: min(.milliseconds(50), due - ContinuousClock.now))
                }
                try await writer.write(ByteBuffer(string: " "))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }

    /// A one-item list page that always has a `continue` token: the one the request carried (`repeatToken`)
    /// or a new one (`endless-1`, `endless-2`, …).
    func endlessPage(query: QueryParameters, repeatToken: Bool) -> Response {
        let received = query["continue"] ?? ""
        let number = Int(received.dropFirst("endless-".count)) ?? 0
        let token = repeatToken && !received.isEmpty ? received : "endless-\(number + 1)"
        let page =
            "{\"kind\":\"List\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"1\",\"continue\":\"\(token)\"},"
            + "\"items\":[{\"metadata\":{\"name\":\"endless-\(number)\",\"namespace\":\"default\"}}]}"
        return .json(Array(page.utf8))
    }
}
