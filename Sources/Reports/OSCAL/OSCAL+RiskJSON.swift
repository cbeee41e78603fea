import Foundation

/// Risks are most of a large cluster's assessment results (one per finding: 40,000 at 90,000 objects), and
/// JSONEncoder with a key strategy spends most of the report phase on them. `JSONBytes` writes the bytes
/// `OSCAL.encoder()` writes for a risk (kebab-case keys, sorted, compact, slashes unescaped, control characters
/// escaped as JSONEncoder escapes them) directly; a test compares the two on awkward strings.
extension OSCAL {
    struct JSONBytes {
        var bytes: [UInt8] = []

        mutating func raw(_ text: StaticString) {
            text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        /// `"key":` — keys are written in sorted order by the callers.
        mutating func key(_ name: StaticString, first: Bool = false) {
            if !first { bytes.append(UInt8(ascii: ",")) }
            bytes.append(UInt8(ascii: "\""))
            raw(name)
            bytes.append(UInt8(ascii: "\""))
            bytes.append(UInt8(ascii: ":"))
        }

        mutating func string(_ value: String) {
            bytes.append(UInt8(ascii: "\""))
            var value = value
            value.withUTF8 { buffer in
                var start = 0
                for index in 0..<buffer.count {
                    let byte = buffer[index]
                    guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<index]))
                    start = index + 1
                    escape(byte)
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<buffer.count]))
            }
            bytes.append(UInt8(ascii: "\""))
        }

        private mutating func escape(_ byte: UInt8) {
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "t"))
            default:
                let hex = Array("0123456789abcdef".utf8)
                raw("u00")
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }

        mutating func array<Element>(_ elements: [Element], _ write: (inout JSONBytes, Element) -> Void) {
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(&self, element)
            }
            bytes.append(UInt8(ascii: "]"))
        }
    }
}

extension OSCAL.Risk {
    /// Appends this risk as `OSCAL.encoder()` encodes it.
    func write(to json: inout OSCAL.JSONBytes) {
        json.raw("{")
        var first = true
        func key(_ name: StaticString) {
            json.key(name, first: first)
            first = false
        }
        if let characterizations {
            key("characterizations")
            json.array(characterizations) { json, item in item.write(to: &json) }
        }
        key("description")
        json.string(description)
        if let origins {
            key("origins")
            json.array(origins) { json, item in item.write(to: &json) }
        }
        if let props {
            key("props")
            json.array(props) { json, item in item.write(to: &json) }
        }
        if let relatedObservations {
            key("related-observations")
            json.array(relatedObservations) { json, item in
                json.raw("{")
                json.key("observation-uuid", first: true)
                json.string(item.observationUuid)
                json.raw("}")
            }
        }
        if let remediations {
            key("remediations")
            json.array(remediations) { json, item in
                json.raw("{")
                json.key("description", first: true)
                json.string(item.description)
                json.key("lifecycle")
                json.string(item.lifecycle)
                json.key("title")
                json.string(item.title)
                json.key("uuid")
                json.string(item.uuid)
                json.raw("}")
            }
        }
        key("statement")
        json.string(statement)
        key("status")
        json.string(status)
        key("title")
        json.string(title)
        key("uuid")
        json.string(uuid)
        json.raw("}")
    }
}

extension OSCAL.Property {
    func write(to json: inout OSCAL.JSONBytes) {
        json.raw("{")
        json.key("name", first: true)
        json.string(name)
        if let ns {
            json.key("ns")
            json.string(ns)
        }
        json.key("value")
        json.string(value)
        json.raw("}")
    }
}

extension OSCAL.Origin {
    func write(to json: inout OSCAL.JSONBytes) {
        json.raw("{")
        json.key("actors", first: true)
        json.array(actors) { json, actor in
            json.raw("{")
            json.key("actor-uuid", first: true)
            json.string(actor.actorUuid)
            if let roleId = actor.roleId {
                json.key("role-id")
                json.string(roleId)
            }
            json.key("type")
            json.string(actor.type)
            json.raw("}")
        }
        json.raw("}")
    }
}

extension OSCAL.Characterization {
    func write(to json: inout OSCAL.JSONBytes) {
        json.raw("{")
        json.key("facets", first: true)
        json.array(facets) { json, facet in
            json.raw("{")
            json.key("name", first: true)
            json.string(facet.name)
            json.key("system")
            json.string(facet.system)
            json.key("value")
            json.string(facet.value)
            json.raw("}")
        }
        json.key("origin")
        origin.write(to: &json)
        json.raw("}")
    }
}
