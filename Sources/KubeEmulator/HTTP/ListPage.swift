import Foundation
import Hummingbird

/// Builds one page of a list by concatenating pre-encoded items.
struct ListPage {
    let type: ResourceType
    let version: String
    let table: ResourceTable?
    let namespace: String?
    let storeVersion: Int

    /// The list named in continue tokens, so a token cannot resume a different list.
    var listIdentity: String { "\(type.key)/\(namespace ?? "")" }

    /// The response for `query` (limit, continue, labelSelector, fieldSelector).
    /// `expireContinue` makes a request carrying a token fail with 410, once.
    func response(query: QueryParameters, expireContinue: () -> Bool) -> Response {
        let labels: LabelSelector?
        let fields: FieldSelector?
        do {
            labels = try query["labelSelector"].flatMap { $0.isEmpty ? nil : try LabelSelector($0) }
            fields = try query["fieldSelector"].flatMap { $0.isEmpty ? nil : try FieldSelector($0) }
        } catch let error as SelectorError {
            return KubeStatus.badRequest(error.message).response()
        } catch {
            return KubeStatus.badRequest("\(error)").response()
        }
        let limit = query["limit"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
        let range = table?.range(namespace: namespace) ?? 0..<0
        var start = range.lowerBound
        if let text = query["continue"], !text.isEmpty {
            guard let token = ContinueToken(encoded: text), token.list == listIdentity,
                token.start >= range.lowerBound, token.start <= range.upperBound
            else {
                return KubeStatus.badRequest("continue key is not valid: the token does not belong to this list")
                    .response()
            }
            if token.resourceVersion != storeVersion || expireContinue() {
                return KubeStatus.expiredContinue.response()
            }
            start = token.start
        }

        let objects = table?.objects ?? []
        var selected: [Int] = []
        var index = start
        var next: Int?
        while index < range.upperBound {
            let object = objects[index]
            let matches = (labels?.matches(object.labels) ?? true) && (fields?.matches(object.fields) ?? true)
            if matches {
                if let limit, selected.count == limit {
                    next = index
                    break
                }
                selected.append(index)
            }
            index += 1
        }

        var metadata = "{\"resourceVersion\":\"\(storeVersion)\""
        if let next {
            let token = ContinueToken(list: listIdentity, resourceVersion: storeVersion, start: next).encoded
            metadata += ",\"continue\":\"\(token)\""
            if labels == nil && fields == nil {
                metadata += ",\"remainingItemCount\":\(range.upperBound - next)"
            }
        }
        metadata += "}"
        let header =
            "{\"kind\":\"\(type.kind)List\",\"apiVersion\":\"\(type.groupVersion(version))\","
            + "\"metadata\":\(metadata),\"items\":["
        // Built-in list items carry no apiVersion/kind (clients fill them in); custom resources keep them.
        let itemHeader = type.isCustom ? StoredObject.header(type: type, version: version) : []
        let size = selected.reduce(header.utf8.count + 2) { $0 + objects[$1].item.count + itemHeader.count + 1 }
        var buffer = ByteBufferAllocator().buffer(capacity: size)
        buffer.writeString(header)
        for (position, objectIndex) in selected.enumerated() {
            if position > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
            if itemHeader.isEmpty {
                buffer.writeBytes(objects[objectIndex].item)
            } else {
                buffer.writeBytes(itemHeader)
                buffer.writeBytes(objects[objectIndex].item.dropFirst())
            }
        }
        buffer.writeString("]}")
        return Response.json(buffer)
    }
}
