import Foundation

/// A successful answer.
public struct APIResponse: Sendable {
    public var status: Int
    public var body: Data
    public var elapsedMilliseconds: Int
    public var retries: Int
}
