import Foundation

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

    private struct Frame {
        var isObject: Bool
        var key: Range<Int>? = nil
        var index = -1
    }

    static func scan(_ bytes: Data) -> PodImageScan? {
        bytes.withUnsafeBytes { raw in PodImageScan(raw) }
    }

    private init?(_ raw: UnsafeRawBufferPointer) {
        let scan = ByteScan(raw)
        var frames: [Frame] = []
        var expectingKey = false
        var index = 0
        while index < raw.count {
            switch raw[index] {
            case UInt8(ascii: "{"):
                Self.enterValue(&frames)
                frames.append(Frame(isObject: true))
                expectingKey = true
            case UInt8(ascii: "["):
                Self.enterValue(&frames)
                frames.append(Frame(isObject: false))
                expectingKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard frames.popLast() != nil else { return nil }
                expectingKey = false
                if frames.isEmpty { return }
            case UInt8(ascii: ","):
                expectingKey = frames.last?.isObject == true
            case UInt8(ascii: ":"):
                expectingKey = false
            case UInt8(ascii: "\""):
                guard let end = scan.stringEnd(from: index) else { return nil }
                defer { index = end }
                if expectingKey {
                    frames[frames.count - 1].key = (index + 1)..<(end - 1)
                    continue
                }
                Self.enterValue(&frames)
                if let field = Self.field(frames, raw) {
                    store(Self.string(raw, index..<end), in: field)
                }
                continue
            default:
                if !frames.isEmpty, frames[frames.count - 1].isObject == false,
                    ![0x20, 0x0A, 0x09, 0x0D].contains(raw[index])
                {
                    // A number, true, false or null in an array: counts as an element.
                    Self.enterValue(&frames)
                    while index + 1 < raw.count, ![UInt8(ascii: ","), UInt8(ascii: "]")].contains(raw[index + 1]) {
                        index += 1
                    }
                }
            }
            index += 1
        }
        return nil
    }

    /// A value starts: in an array, it is the next element.
    private static func enterValue(_ frames: inout [Frame]) {
        guard let last = frames.indices.last, !frames[last].isObject else { return }
        frames[last].index += 1
    }

    private static func field(_ frames: [Frame], _ raw: UnsafeRawBufferPointer) -> Field? {
        func key(_ depth: Int, _ text: StaticString) -> Bool {
            guard let range = frames[depth].key, range.count == text.utf8CodeUnitCount else { return false }
            return memcmp(raw.baseAddress! + range.lowerBound, text.utf8Start, range.count) == 0
        }
        if frames.count == 2, key(0, "metadata") {
            if key(1, "name") { return .metadata(isName: true) }
            if key(1, "namespace") { return .metadata(isName: false) }
            return nil
        }
        guard frames.count == 4, !frames[2].isObject, frames[3].isObject else { return nil }
        let list: ContainerList
        if key(0, "spec"), key(1, "containers") {
            list = .spec
        } else if key(0, "status"), key(1, "containerStatuses") {
            list = .statuses
        } else if key(0, "status"), key(1, "initContainerStatuses") {
            list = .initStatuses
        } else {
            return nil
        }
        let field: ContainerField
        if key(3, "name") {
            field = .name
        } else if key(3, "image") {
            field = .image
        } else if key(3, "imageID") {
            field = .imageID
        } else {
            return nil
        }
        return .container(list, index: frames[2].index, field: field)
    }

    /// The string whose quotes span `range`, unescaped when it holds escapes.
    private static func string(_ raw: UnsafeRawBufferPointer, _ range: Range<Int>) -> String? {
        let inner = raw[(range.lowerBound + 1)..<(range.upperBound - 1)]
        guard inner.contains(UInt8(ascii: "\\")) else { return String(decoding: inner, as: UTF8.self) }
        return try? JSONDecoder().decode(String.self, from: Data(raw[range]))
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
