/// A synthetic-cluster spec (``GenerationSpec``) has a bad item.
public struct GenerationSpecError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The offending `key=value`.
    public var item: String
    public var reason: String

    public init(item: String, reason: String) {
        self.item = item
        self.reason = reason
    }

    public var description: String {
        "Invalid cluster generation spec item `\(item)`: \(reason). Write the spec as \(GenerationSpec.grammar), "
            + "e.g. `namespaces=200,seed=7`."
    }
}
