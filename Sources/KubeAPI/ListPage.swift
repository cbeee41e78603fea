import Foundation

/// One LIST response page split into its items, unparsed: what `KubeClient.list` does with every page,
/// public so the page path can be measured on its own (bench/micro). Items are cut out of the page one at a
/// time as they are handed out, so a page is never held twice.
public struct ListPage {
    /// The page's `metadata` (`continue`, `resourceVersion`).
    public let metadata: [String: Any]
    private let body: Data
    private let scanned: ListPageScanner.Page
    private let splice: ListItem.Splice

    /// Splits `body`; `apiVersion` and `kind` are the listed type's (e.g. "v1", "Pod").
    public init(body: Data, apiVersion: String, kind: String) throws {
        try self.init(body: body, splice: ListItem.Splice(apiVersion: apiVersion, kind: kind))
    }

    init(body: Data, splice: ListItem.Splice) throws {
        self.body = body
        self.splice = splice
        scanned = try ListPageScanner.scan(body)
        metadata = scanned.metadata
    }

    /// How many items the page holds.
    public var count: Int { scanned.items.count }

    /// Each item in order, with `apiVersion` and `kind` spliced in where the server left them out.
    public func forEachItem(_ body: (ListItem) throws -> Void) throws {
        for index in scanned.items.indices { try body(item(index)) }
    }

    /// All items at once (tests, benchmarks); collection uses `forEachItem`.
    public var items: [ListItem] {
        get throws { try scanned.items.indices.map(item) }
    }

    private func item(_ index: Int) throws -> ListItem {
        try ListItem.make(
            page: body,
            range: scanned.items[index],
            hasKind: scanned.itemHasKind[index],
            hasAPIVersion: scanned.itemHasAPIVersion[index],
            hasNewline: scanned.itemHasNewline[index],
            splice: splice
        )
    }

    /// The token for the next page, nil on the last one.
    public var continueToken: String? {
        (metadata["continue"] as? String).flatMap { $0.isEmpty ? nil : $0 }
    }
}
