import Foundation
import Hummingbird

extension APIResponder {
    /// GET on a resource path: a list, one object, a status subresource or a pod log.
    /// `expireContinue` says whether a request carrying a continue token gets 410 Gone.
    func get(
        _ target: APIPath.ResourceRequest,
        query: QueryParameters,
        expireContinue: () -> Bool,
        user: UserInfo,
        store: ClusterStore
    ) -> Response {
        guard store.catalog.serves(group: target.group, version: target.version),
            let type = store.type(group: target.group, resource: target.resource),
            type.versions.contains(target.version),
            target.namespace == nil || type.namespaced
        else { return KubeStatus.notFoundPath.response() }

        let isLog = type.key == "/pods" && target.subresource == "log"
        if let subresource = target.subresource, !isLog,
            !type.subresources.contains(where: {
                $0.name == "\(type.resource)/\(subresource)" && $0.verbs.contains("get")
            })
        {
            return KubeStatus.notFoundPath.response()
        }
        if target.name == nil && query["watch"].map({ $0 == "true" || $0 == "1" }) == true {
            return KubeStatus(
                code: 405,
                reason: "MethodNotAllowed",
                message: "the emulator does not support watch; list instead",
                emptyDetails: true
            ).response()
        }
        let verb = target.name == nil ? "list" : "get"
        guard type.verbs.contains(verb) else { return KubeStatus.methodNotAllowed.response() }
        let resource = target.subresource.map { "\(type.resource)/\($0)" } ?? type.resource
        if engine.isDenied(
            user: user.username,
            verb: verb,
            group: type.group,
            resource: resource,
            namespace: target.namespace
        ) {
            return KubeStatus.forbidden(
                type,
                name: target.name,
                subresource: target.subresource,
                verb: verb,
                user: user.username,
                namespace: target.namespace
            ).response()
        }

        let table = store.tables[type.key]
        guard let name = target.name else {
            let page = ListPage(
                type: type,
                version: target.version,
                table: table,
                namespace: target.namespace,
                storeVersion: store.storeVersion
            )
            return page.response(query: query, expireContinue: expireContinue)
        }
        guard let object = table?.object(namespace: target.namespace ?? "", name: name) else {
            return KubeStatus.notFound(type, name: name).response()
        }
        if isLog {
            return podLog(object, namespace: target.namespace ?? "", query: query, store: store)
        }
        return .json(object.objectJSON(type: type, version: target.version))
    }

    /// The log of one container of `pod`; the container may be omitted when the pod has only one.
    func podLog(_ pod: StoredObject, namespace: String, query: QueryParameters, store: ClusterStore) -> Response {
        let container: String
        if let requested = query["container"], !requested.isEmpty {
            guard pod.containers.contains(requested) else {
                return KubeStatus.badRequest("container \(requested) is not valid for pod \(pod.name)").response()
            }
            container = requested
        } else if pod.containers.count == 1 {
            container = pod.containers[0]
        } else {
            let choices = pod.containers.joined(separator: " ")
            return KubeStatus.badRequest(
                "a container name must be specified for pod \(pod.name), choose one of: [\(choices)]"
            ).response()
        }
        var text = store.log(namespace: namespace, pod: pod.name, container: container) ?? ""
        if let tail = query["tailLines"].flatMap({ Int($0) }), tail >= 0 {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.last == "" { lines.removeLast() }
            text = lines.suffix(tail).map { $0 + "\n" }.joined()
        }
        if let limit = query["limitBytes"].flatMap({ Int($0) }), limit > 0, text.utf8.count > limit {
            text = String(decoding: text.utf8.prefix(limit), as: UTF8.self)
        }
        return .text(text)
    }
}
