import Foundation

/// One LIST response page split into its items, unparsed: what `KubeClient.list` does with every page,
/// public so the page path can be measured on its own (bench/micro).
public struct ListPage {
    /// The page's `metadata` (`continue`, `resourceVersion`).
    public let metadata: [String: Any]
    /// The items, with `apiVersion` and `kind` spliced in where the server left them out.
    public let items: [ListItem]

    /// Splits `body`; `apiVersion` and `kind` are the listed type's (e.g. "v1", "Pod").
    public init(body: Data, apiVersion: String, kind: String) throws {
        try self.init(body: body, splice: ListItem.Splice(apiVersion: apiVersion, kind: kind))
    }

    init(body: Data, splice: ListItem.Splice) throws {
        let page = try ListPageScanner.scan(body)
        metadata = page.metadata
        items = try page.items.indices.map { index in
            try ListItem.make(
                page: body,
                range: page.items[index],
                hasKind: page.itemHasKind[index],
                hasAPIVersion: page.itemHasAPIVersion[index],
                hasNewline: page.itemHasNewline[index],
                splice: splice
            )
        }
    }

    /// The token for the next page, nil on the last one.
    public var continueToken: String? {
        (metadata["continue"] as? String).flatMap { $0.isEmpty ? nil : $0 }
    }
}
