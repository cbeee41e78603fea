import Foundation

/// The objects of one type, sorted by namespace then name, with indexes for namespaces and names.
struct ResourceTable: Sendable {
    let type: ResourceType
    let objects: [StoredObject]
    /// Where each namespace's objects sit in `objects`.
    let namespaceRanges: [String: Range<Int>]
    /// Position of each object by "namespace/name".
    let positions: [String: Int]

    init(type: ResourceType, objects unsorted: [StoredObject]) {
        self.type = type
        let objects = unsorted.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        var ranges: [String: Range<Int>] = [:]
        var positions: [String: Int] = [:]
        positions.reserveCapacity(objects.count)
        var start = 0
        for (index, object) in objects.enumerated() {
            positions[Self.key(object.namespace, object.name)] = index
            if index + 1 == objects.count || objects[index + 1].namespace != object.namespace {
                ranges[object.namespace] = start..<(index + 1)
                start = index + 1
            }
        }
        self.objects = objects
        self.namespaceRanges = ranges
        self.positions = positions
    }

    static func key(_ namespace: String, _ name: String) -> String {
        "\(namespace)/\(name)"
    }

    /// The positions of the objects in `namespace`, or of all objects when `namespace` is nil.
    func range(namespace: String?) -> Range<Int> {
        guard let namespace else { return objects.indices }
        return namespaceRanges[namespace] ?? 0..<0
    }

    /// The object named `name` in `namespace` ("" for cluster-scoped).
    func object(namespace: String, name: String) -> StoredObject? {
        positions[Self.key(namespace, name)].map { objects[$0] }
    }
}
