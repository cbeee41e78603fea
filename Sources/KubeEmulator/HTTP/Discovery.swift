import Crypto
import Foundation

/// The discovery documents: `/version`, `/api`, `/apis`, `/apis/<group>`, `/api/v1`, `/apis/<group>/<version>`.
enum Discovery {
    /// `/version`, for `gitVersion` like "v1.30.4".
    static func version(_ gitVersion: String) -> [UInt8] {
        let numbers = gitVersion.drop { $0 == "v" }.split(separator: ".")
        let major = numbers.first.map { String($0.prefix { $0.isNumber }) } ?? "1"
        let minor = numbers.count > 1 ? String(numbers[1].prefix { $0.isNumber }) : "0"
        return JSONBytes.encodeFragment([
            "major": major, "minor": minor, "gitVersion": gitVersion,
            "gitCommit": "9e1bd49ad6b5fac17e2fdfb0dbaa9457cfa7d1ac", "gitTreeState": "clean",
            "buildDate": "2024-08-14T19:04:03Z", "goVersion": "go1.22.5", "compiler": "gc",
            "platform": "linux/amd64",
        ])
    }

    /// `/api`: the core group's versions.
    static func coreVersions(serverAddress: String) -> [UInt8] {
        JSONBytes.encodeFragment([
            "kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": serverAddress]],
        ])
    }

    /// `/apis`: every named group.
    static func groupList(_ catalog: APICatalog) -> [UInt8] {
        JSONBytes.encodeFragment([
            "kind": "APIGroupList", "apiVersion": "v1", "groups": catalog.groups.map(groupObject),
        ])
    }

    /// `/apis/<group>`.
    static func group(_ group: APICatalog.Group) -> [UInt8] {
        var object = groupObject(group)
        object["kind"] = "APIGroup"
        object["apiVersion"] = "v1"
        return JSONBytes.encodeFragment(object)
    }

    /// `/api/v1` or `/apis/<group>/<version>`: the resources (and subresources) served there.
    static func resourceList(_ catalog: APICatalog, group: String, version: String) -> [UInt8] {
        var resources: [[String: Any]] = []
        for type in catalog.types(group: group, version: version) {
            var entry: [String: Any] = [
                "name": type.resource, "singularName": type.singular, "namespaced": type.namespaced,
                "kind": type.kind, "verbs": type.verbs,
            ]
            if !type.shortNames.isEmpty { entry["shortNames"] = type.shortNames }
            if !type.categories.isEmpty { entry["categories"] = type.categories }
            if type.verbs.contains("list") { entry["storageVersionHash"] = storageVersionHash(type, version) }
            resources.append(entry)
            for subresource in type.subresources {
                resources.append([
                    "name": subresource.name, "singularName": "", "namespaced": type.namespaced,
                    "kind": subresource.kind, "verbs": subresource.verbs,
                ])
            }
        }
        resources.sort { ($0["name"] as? String ?? "") < ($1["name"] as? String ?? "") }
        var object: [String: Any] = [
            "kind": "APIResourceList", "groupVersion": group.isEmpty ? version : "\(group)/\(version)",
            "resources": resources,
        ]
        if !group.isEmpty { object["apiVersion"] = "v1" }
        return JSONBytes.encodeFragment(object)
    }

    private static func groupObject(_ group: APICatalog.Group) -> [String: Any] {
        let versions = group.versions.map { ["groupVersion": "\(group.name)/\($0)", "version": $0] }
        return [
            "name": group.name, "versions": versions,
            "preferredVersion": versions.first ?? ["groupVersion": "\(group.name)/v1", "version": "v1"],
        ]
    }

    /// A stable stand-in for the real hash (base64 of 8 bytes of SHA-256 over group/version/kind).
    private static func storageVersionHash(_ type: ResourceType, _ version: String) -> String {
        let digest = SHA256.hash(data: Data("\(type.group)/\(version)/\(type.kind)".utf8))
        return Data(digest.prefix(8)).base64EncodedString()
    }
}
