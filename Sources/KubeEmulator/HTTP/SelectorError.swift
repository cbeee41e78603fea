import Foundation

/// A malformed label or field selector; the message becomes a 400 Status.
struct SelectorError: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
