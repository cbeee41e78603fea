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
    private let reader: @Sendable (String, (Data) throws -> Void) throws -> Bool

    /// `states` by item id; `loader` returns an item's bytes by item id (read whole).
    public init(states: [String: ItemState], loader: @escaping @Sendable (String) -> Data?) {
        self.init(states: states) { id, consumer in
            guard let data = loader(id) else { return false }
            try consumer(data)
            return true
        }
    }

    /// `states` by item id; `reader` passes an item's bytes to its consumer in chunks (so a list of any size
    /// is never held whole) and returns false when the item has no bytes.
    public init(
        states: [String: ItemState],
        reader: @escaping @Sendable (String, (Data) throws -> Void) throws -> Bool
    ) {
        self.states = states
        self.reader = reader
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
        return EvidenceSet(states: all) { id, consumer in
            guard let url = resolved[id], let handle = try? FileHandle(forReadingFrom: url) else { return false }
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { try consumer(chunk) }
            return true
        }
    }

    public func state(_ id: String) -> ItemState {
        states[id] ?? ItemState(status: .error, note: "\(id) is not in the package")
    }

    /// Bytes of an item that was collected (status ok), read whole: for small documents only. Lists are
    /// read with `forEachItem`.
    public func data(_ id: String) -> Data? {
        guard state(id).status == .ok else { return nil }
        var whole = Data()
        guard (try? reader(id, { whole.append($0) })) == true else { return nil }
        return whole
    }

    public func json(_ id: String) -> [String: Any]? {
        data(id).flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
    }

    /// Calls `body` with each item of a collected List evidence file, one at a time, as the bytes stream
    /// in: memory holds one chunk and one item, whatever the list's size. A List not written one item per
    /// line (e.g. a hand-made fixture) is parsed whole. Does nothing for an item that was not collected.
    public func forEachItem(_ id: String, _ body: ([String: Any]) -> Void) {
        func parse(_ bytes: Data) {
            if let item = (try? JSONSerialization.jsonObject(with: bytes)) as? [String: Any] { body(item) }
        }
        guard let whole = itemBytes(id, parse),
            let list = (try? JSONSerialization.jsonObject(with: whole)) as? [String: Any]
        else { return }
        for item in list["items"] as? [[String: Any]] ?? [] { body(item) }
    }

    /// `forEachItem` decoding each item as `T`: only the fields `T` names are materialised, several times
    /// faster than building Foundation objects for large lists. Items that do not decode are skipped.
    public func forEachItem<T: Decodable>(_ id: String, as type: T.Type, _ body: (T) -> Void) {
        let decoder = JSONDecoder()
        func decode(_ bytes: Data) {
            if let item = try? decoder.decode(type, from: bytes) { body(item) }
        }
        guard let whole = itemBytes(id, decode), let list = try? decoder.decode(DecodedList<T>.self, from: whole)
        else { return }
        for item in list.items { if let item = item.value { body(item) } }
    }

    /// Streams a collected List's items' bytes to `item`; returns the whole document instead when it was not
    /// written one item per line (nil when it was, or when the item was not collected).
    private func itemBytes(_ id: String, _ item: (Data) -> Void) -> Data? {
        guard state(id).status == .ok else { return nil }
        var splitter = ListLineSplitter()
        guard (try? reader(id, { splitter.push($0, item: item) })) == true else { return nil }
        return splitter.finish(item: item)
    }

    /// All items of a List that stays small whatever the cluster's size (policies, webhooks, stores); nil
    /// when it was not collected. Lists that grow with the cluster are read with `forEachItem`.
    public func items(_ id: String) -> [[String: Any]]? {
        guard state(id).status == .ok else { return nil }
        var items: [[String: Any]] = []
        forEachItem(id) { items.append($0) }
        return items
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

/// A List decoded whole (hand-made fixtures), items that do not decode left out.
private struct DecodedList<T: Decodable>: Decodable {
    struct Lenient: Decodable {
        var value: T?
        init(from decoder: Decoder) throws { value = try? T(from: decoder) }
    }
    var items: [Lenient]
}
