import AuditPackCore
import Foundation

/// The evidence an evaluator may read: item statuses and file bytes by item id. Nothing else — no
/// cluster, no network — so an assessment can be re-performed from a package alone.
public struct EvidenceSet: Sendable {
    public struct ItemState: Sendable {
        public var status: ItemStatus
        public var note: String?

        public init(status: ItemStatus, note: String? = nil) {
            self.status = status
            self.note = note
        }
    }

    public let states: [String: ItemState]
    private let loader: @Sendable (String) -> Data?

    /// `states` by item id; `loader` returns an item's bytes by item id.
    public init(states: [String: ItemState], loader: @escaping @Sendable (String) -> Data?) {
        self.states = states
        self.loader = loader
    }

    /// Evidence from a folder of evidence files named as in the catalog (fixtures, collection time).
    /// Items without a file are `not_installed` unless `states` says otherwise.
    public static func folder(_ folder: URL, catalog: Catalog, states: [String: ItemState] = [:]) -> EvidenceSet {
        var all = states
        var files: [String: URL] = [:]
        for item in catalog.controls.flatMap(\.evidence) {
            let url = folder.appendingPathComponent(item.file)
            files[item.id] = url
            if all[item.id] == nil {
                let exists = FileManager.default.fileExists(atPath: url.path)
                all[item.id] = ItemState(status: exists ? .ok : .notInstalled, note: exists ? nil : "not collected")
            }
        }
        let resolved = files
        return EvidenceSet(states: all) { id in resolved[id].flatMap { FileManager.default.contents(atPath: $0.path) } }
    }

    public func state(_ id: String) -> ItemState {
        states[id] ?? ItemState(status: .error, note: "\(id) is not in the package")
    }

    /// Bytes of an item that was collected (status ok).
    public func data(_ id: String) -> Data? {
        guard state(id).status == .ok else { return nil }
        return loader(id)
    }

    public func json(_ id: String) -> [String: Any]? {
        data(id).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
    }

    /// The items of a List evidence file, parsed one line at a time (one item per line, as collected);
    /// a List written differently (e.g. a hand-made fixture) is parsed whole.
    public func items(_ id: String) -> [[String: Any]]? {
        guard let data = data(id) else { return nil }
        if let items = ListFileReader.items(in: data) { return items }
        return (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["items"] as? [[String: Any]]
    }

    /// Why the control cannot be assessed when one of `ids` was not collected; nil when all were.
    public func missing(_ ids: [String]) -> String? {
        let absent = ids.filter { state($0).status != .ok }
        guard !absent.isEmpty else { return nil }
        return absent.map { id in
            let state = self.state(id)
            return "\(id) \(state.status.rawValue)\(state.note.map { ": \($0)" } ?? "")"
        }.joined(separator: "; ")
    }
}

/// Helpers for reading Kubernetes objects as evaluators see them.
enum K8s {
    static func metadata(_ object: [String: Any]) -> [String: Any] { object["metadata"] as? [String: Any] ?? [:] }
    static func name(_ object: [String: Any]) -> String { metadata(object)["name"] as? String ?? "" }
    static func namespace(_ object: [String: Any]) -> String? { metadata(object)["namespace"] as? String }
    static func labels(_ object: [String: Any]) -> [String: String] {
        metadata(object)["labels"] as? [String: String] ?? [:]
    }

    static func ref(_ object: [String: Any], kind: String? = nil) -> ObjectRef {
        ObjectRef(kind: kind ?? object["kind"] as? String ?? "", namespace: namespace(object), name: name(object))
    }

    /// Whether the object's `status.conditions` has `type` with status "True".
    static func condition(_ object: [String: Any], _ type: String) -> Bool? {
        let conditions = (object["status"] as? [String: Any])?["conditions"] as? [[String: Any]] ?? []
        guard let match = conditions.first(where: { $0["type"] as? String == type }) else { return nil }
        return match["status"] as? String == "True"
    }
}
