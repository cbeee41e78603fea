import Foundation

/// Identifies a pod log: namespace, pod and container.
public struct LogKey: Hashable, Sendable, CustomStringConvertible {
    /// The pod's namespace.
    public var namespace: String
    /// The pod's name.
    public var pod: String
    /// The container's name.
    public var container: String

    /// Creates a key.
    public init(namespace: String, pod: String, container: String) {
        self.namespace = namespace
        self.pod = pod
        self.container = container
    }

    public var description: String { "\(namespace)/\(pod)/\(container)" }
}
