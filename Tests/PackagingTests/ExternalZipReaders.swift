import AuditPackCore
import Foundation
import TestSupport

/// What other ZIP readers make of an archive: Python's zipfile, Info-ZIP unzip and libarchive's bsdtar.
/// Each view is the set of names with the SHA-256 of their bytes, or nil when the reader refused it.
enum ExternalZipReaders {
    typealias View = [String: String]

    static let names = ["python-zipfile", "unzip", "bsdtar"]

    static var missing: [String] {
        ["python3", "unzip", "bsdtar"].filter { Tools.find($0) == nil }
    }

    /// One Python process reads every file (a JSON object: file → view or null).
    static func python(_ files: [URL]) throws -> [String: View?] {
        let script = """
            import hashlib, json, sys, zipfile
            out = {}
            for path in sys.argv[1:]:
                try:
                    with zipfile.ZipFile(path) as archive:
                        view = {}
                        for info in archive.infolist():
                            view[info.filename] = hashlib.sha256(archive.read(info)).hexdigest()
                        out[path] = view
                except Exception:
                    out[path] = None
            print(json.dumps(out))
            """
        let output = try Tools.run(Tools.find("python3")!, ["-c", script] + files.map(\.path))
        let decoded = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any] ?? [:]
        var views: [String: View?] = [:]
        for (path, value) in decoded { views[path] = value as? View }
        return views
    }

    /// Extracts with `tool` into a fresh folder and hashes what appeared; nil when the tool reports an error.
    static func extracted(_ file: URL, with tool: String, into folder: URL) throws -> View? {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result: (status: Int32, stdout: String, stderr: String)
        switch tool {
        case "unzip":
            result = try Tools.runCapturing(
                Tools.find("unzip")!,
                ["-qq", "-o", file.path, "-d", folder.path],
                timeout: .seconds(30)
            )
        default:
            result = try Tools.runCapturing(
                Tools.find("bsdtar")!,
                ["-x", "-f", file.path, "-C", folder.path],
                timeout: .seconds(30)
            )
        }
        guard result.status == 0 else { return nil }
        var view: View = [:]
        let root = folder.standardizedFileURL.path
        if let walker = FileManager.default.enumerator(atPath: root) {
            while let relative = walker.nextObject() as? String {
                var isDirectory: ObjCBool = false
                let full = root + "/" + relative
                guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue
                else { continue }
                let data = try Data(contentsOf: URL(fileURLWithPath: full))
                view[relative] = Hashing.sha256Hex(data)
            }
        }
        return view
    }
}
