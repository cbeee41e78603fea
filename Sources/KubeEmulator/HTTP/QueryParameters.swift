import Foundation

/// A decoded URL query (`+` is a space, %XX escapes decoded), as Go's `url.ParseQuery` reads it.
struct QueryParameters: Sendable {
    /// The first value of each parameter.
    let first: [String: String]

    init(_ query: String?) {
        var values: [String: String] = [:]
        for pair in (query ?? "").split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            if values[name] == nil {
                values[name] = value
            }
        }
        self.first = values
    }

    subscript(name: String) -> String? {
        first[name]
    }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
