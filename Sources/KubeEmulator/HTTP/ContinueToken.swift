import Foundation

/// The opaque `continue` token: which list it belongs to, the snapshot's resourceVersion and where to resume.
struct ContinueToken: Codable, Equatable {
    /// The list it continues: "group/resource/namespace".
    var list: String
    /// The store version the first page was served from.
    var resourceVersion: Int
    /// The index in the type's sorted objects to resume at.
    var start: Int

    var encoded: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        // URL-safe base64 without padding, so the token survives sloppy query encoding.
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a token; nil if it is not one of ours.
    init?(encoded: String) {
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64),
            let token = try? JSONDecoder().decode(ContinueToken.self, from: data)
        else { return nil }
        self = token
    }

    init(list: String, resourceVersion: Int, start: Int) {
        self.list = list
        self.resourceVersion = resourceVersion
        self.start = start
    }
}
