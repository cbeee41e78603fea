/// An object a generator built itself (see the ClusterGenerator target), already encoded: what the store needs
/// to serve it and to answer selectors, without parsing any JSON.
package struct GeneratedObject: Sendable {
    package var apiVersion: String
    package var kind: String
    /// "" for cluster-scoped objects.
    package var namespace: String
    package var name: String
    package var resourceVersion: Int?
    package var labels: [String: String]
    /// Values for field selectors, by field label; see ``selectableFields``.
    package var fields: [String: String]
    /// Container names, for pods (spec.initContainers then spec.containers).
    package var containers: [String]
    /// The object's compact JSON without apiVersion and kind.
    package var item: [UInt8]

    package init(
        apiVersion: String,
        kind: String,
        namespace: String,
        name: String,
        resourceVersion: Int?,
        labels: [String: String],
        fields: [String: String],
        containers: [String],
        item: [UInt8]
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.resourceVersion = resourceVersion
        self.labels = labels
        self.fields = fields
        self.containers = containers
        self.item = item
    }

    /// Field labels the emulator can filter on, beyond metadata.name and metadata.namespace.
    package static var selectableFields: [String] { StoredObject.selectableFields }
}

extension StoredObject {
    /// A generated object for `type`, checked for a name and the right scope.
    init(generated object: GeneratedObject, type: ResourceType, source: String) throws {
        guard !object.name.isEmpty else {
            throw KubeEmulatorError.invalidObject(source: source, reason: "metadata.name is missing")
        }
        guard type.namespaced == !object.namespace.isEmpty else {
            throw KubeEmulatorError.invalidObject(
                source: source,
                reason: "\(type.kind) \(object.name) has the wrong scope (namespace \"\(object.namespace)\")"
            )
        }
        self.namespace = object.namespace
        self.name = object.name
        self.resourceVersion = object.resourceVersion
        self.labels = object.labels
        self.fields = object.fields
        self.containers = object.containers
        self.item = object.item
    }
}
