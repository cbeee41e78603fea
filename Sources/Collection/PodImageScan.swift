import Foundation
import KubeAPI

/// The few strings the image inventory needs from a pod, read in one pass over its JSON bytes without
/// building the pod: `metadata.name`/`namespace`, `spec.containers[].name`/`image` and
/// `status.(init)containerStatuses[].name`/`image`/`imageID`. (JSONDecoder scans and indexes the whole pod,
/// managedFields and all: ~12% of a 90k-object run.) Bytes that are not a JSON object give nil.
struct PodImageScan {
    struct Container: Equatable {
        var name: String?
        var image: String?
        var imageID: String?
    }

    var name: String?
    var namespace: String?
    var containers: [Container] = []
    var initStatuses: [Container] = []
    var statuses: [Container] = []

    private enum Field {
        case metadata(isName: Bool)
        case container(ContainerList, index: Int, field: ContainerField)
    }

    private enum ContainerList {
        case spec
        case initStatuses
        case statuses
    }

    private enum ContainerField {
        case name
        case image
        case imageID
    }

    static func scan(_ bytes: Data) -> PodImageScan? {
        bytes.withUnsafeBytes { raw in
            let scan = ByteScan(raw)
            var pod = PodImageScan()
            let walk = scan.walk { event, frames in
                if case .string(let range) = event, let field = field(frames, scan) {
                    pod.store(scan.text(range), in: field)
                }
                return true
            }
            return walk == .finished ? pod : nil
        }
    }

    private static func field(_ frames: [ByteScan.Frame], _ scan: ByteScan) -> Field? {
        if frames.count == 2, scan.key(frames[0], is: "metadata") {
            if scan.key(frames[1], is: "name") { return .metadata(isName: true) }
            if scan.key(frames[1], is: "namespace") { return .metadata(isName: false) }
            return nil
        }
        guard frames.count == 4, !frames[2].isObject, frames[3].isObject else { return nil }
        let list: ContainerList
        if scan.key(frames[0], is: "spec"), scan.key(frames[1], is: "containers") {
            list = .spec
        } else if scan.key(frames[0], is: "status"), scan.key(frames[1], is: "containerStatuses") {
            list = .statuses
        } else if scan.key(frames[0], is: "status"), scan.key(frames[1], is: "initContainerStatuses") {
            list = .initStatuses
        } else {
            return nil
        }
        let field: ContainerField
        if scan.key(frames[3], is: "name") {
            field = .name
        } else if scan.key(frames[3], is: "image") {
            field = .image
        } else if scan.key(frames[3], is: "imageID") {
            field = .imageID
        } else {
            return nil
        }
        return .container(list, index: frames[2].index, field: field)
    }

    private mutating func store(_ value: String?, in field: Field) {
        switch field {
        case .metadata(let isName):
            if isName { name = value } else { namespace = value }
        case .container(let list, let index, let field):
            switch list {
            case .spec: Self.set(value, field, at: index, in: &containers)
            case .initStatuses: Self.set(value, field, at: index, in: &initStatuses)
            case .statuses: Self.set(value, field, at: index, in: &statuses)
            }
        }
    }

    private static func set(_ value: String?, _ field: ContainerField, at index: Int, in list: inout [Container]) {
        while list.count <= index { list.append(Container()) }
        switch field {
        case .name: list[index].name = value
        case .image: list[index].image = value
        case .imageID: list[index].imageID = value
        }
    }
}
