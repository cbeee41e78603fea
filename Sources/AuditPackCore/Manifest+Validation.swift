import Foundation

extension Manifest {
    /// Decodes and checks a manifest; every problem is a `ManifestError` naming the field, never a crash.
    public static func decode(_ data: Data) throws -> Manifest {
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: data)
        } catch let error as DecodingError {
            throw ManifestError(error)
        }
        try manifest.validate()
        return manifest
    }

    /// Ids and files unique, hashes well-formed, sizes not negative.
    public func validate() throws {
        guard !controls.isEmpty else {
            throw ManifestError.invalidValue(field: "controls", reason: "is empty: the package holds no evidence")
        }
        var ids: [String: Int] = [:]
        var files: [String: String] = [:]
        for (index, entry) in controls.enumerated() {
            let field = "controls[\(index)]"
            guard !entry.id.isEmpty else {
                throw ManifestError.invalidValue(field: "\(field).id", reason: "is empty")
            }
            if let first = ids[entry.id] {
                throw ManifestError.invalidValue(
                    field: "\(field).id",
                    reason: "repeats the id \"\(entry.id)\" of controls[\(first)]"
                )
            }
            ids[entry.id] = index
            try Self.check(file: entry.file, sha256: entry.sha256, size: entry.size, field: field, files: &files)
        }
        for (index, artifact) in artifacts.enumerated() {
            try Self.check(
                file: artifact.file,
                sha256: artifact.sha256,
                size: artifact.size,
                field: "artifacts[\(index)]",
                files: &files
            )
        }
        if Set(run.selectedControls).count != run.selectedControls.count {
            throw ManifestError.invalidValue(field: "run.selected_controls", reason: "names a control twice")
        }
    }

    static func check(file: String, sha256: String, size: Int, field: String, files: inout [String: String]) throws {
        guard !file.isEmpty else { throw ManifestError.invalidValue(field: "\(field).file", reason: "is empty") }
        if let first = files[file] {
            throw ManifestError.invalidValue(field: "\(field).file", reason: "repeats the file \"\(file)\" of \(first)")
        }
        files[file] = field
        let hex = sha256.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
        guard sha256.utf8.count == 64, hex else {
            throw ManifestError.invalidValue(field: "\(field).sha256", reason: "is not 64 lower-case hex digits")
        }
        guard size >= 0 else {
            throw ManifestError.invalidValue(field: "\(field).size", reason: "is negative")
        }
    }
}

extension ManifestError {
    /// Names the field a decoding error is about (`controls[3].sha256`).
    init(_ error: DecodingError) {
        func path(_ keys: [CodingKey]) -> String {
            keys.reduce("") { text, key in
                if let index = key.intValue { return "\(text)[\(index)]" }
                return text.isEmpty ? key.stringValue : "\(text).\(key.stringValue)"
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            self = .missingField(path(context.codingPath + [key]))
        case .typeMismatch(let type, let context):
            self = .wrongType(field: path(context.codingPath), expected: Self.typeName(type))
        case .valueNotFound(let type, let context):
            self = .wrongType(field: path(context.codingPath), expected: "\(Self.typeName(type)) (it is null)")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                self = .notJSON(reason: context.debugDescription)
            } else {
                self = .invalidValue(field: path(context.codingPath), reason: "is invalid: \(context.debugDescription)")
            }
        @unknown default:
            self = .notJSON(reason: "\(error)")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "an integer"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            return name.hasPrefix("Array") ? "a list" : name.hasPrefix("Dictionary") ? "an object" : "a \(name)"
        }
    }
}
