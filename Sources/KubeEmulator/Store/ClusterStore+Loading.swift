import Foundation

extension ClusterStore {
    /// Loads a cluster folder: `objects/*.yaml` (multi-document; `kind: List` expanded) and
    /// `logs/<namespace>/<pod>/<container>.log`. See docs/sample-cluster-format.md.
    ///
    /// Throws ``KubeEmulatorError`` naming the file and object at fault.
    public static func load(folder: URL) throws -> ClusterStore {
        let objectsFolder = folder.appendingPathComponent("objects")
        let files = try yamlFiles(in: objectsFolder)
        var documents: [SourcedObject] = []
        for file in files {
            let relative = "objects/\(file.lastPathComponent)"
            let text: String
            do {
                text = try String(contentsOf: file, encoding: .utf8)
            } catch {
                throw KubeEmulatorError.unreadableFolder(path: file.path, reason: error.localizedDescription)
            }
            for (index, value) in try YAMLDocuments.parse(text, file: relative).enumerated() {
                guard let object = value as? [String: Any] else {
                    throw KubeEmulatorError.invalidObject(
                        source: "\(relative) document \(index + 1)",
                        reason: "it is not a mapping"
                    )
                }
                documents.append(SourcedObject(source: "\(relative) document \(index + 1)", object: object))
            }
        }
        var store = try ClusterStore().adding(documents)
        store.logs = try loadLogs(folder.appendingPathComponent("logs"))
        return store
    }

    /// The sample cluster bundled with the emulator (Sources/KubeEmulator/SampleCluster).
    public static func sample() throws -> ClusterStore {
        guard let folder = sampleFolder else { throw KubeEmulatorError.sampleClusterMissing }
        return try load(folder: folder)
    }

    /// Where the bundled sample cluster lives, if it is in the build.
    public static var sampleFolder: URL? {
        guard let url = Bundle.module.url(forResource: "SampleCluster", withExtension: nil) else { return nil }
        let objects = url.appendingPathComponent("objects").path
        return FileManager.default.fileExists(atPath: objects) ? url : nil
    }

    private static func yamlFiles(in folder: URL) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw KubeEmulatorError.unreadableFolder(path: folder.path, reason: "there is no objects/ folder")
        }
        do {
            return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { ["yaml", "yml"].contains($0.pathExtension) }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw KubeEmulatorError.unreadableFolder(path: folder.path, reason: error.localizedDescription)
        }
    }

    private static func loadLogs(_ folder: URL) throws -> [LogKey: String] {
        let manager = FileManager.default
        guard manager.fileExists(atPath: folder.path) else { return [:] }
        var logs: [LogKey: String] = [:]
        do {
            for namespace in try manager.contentsOfDirectory(atPath: folder.path).sorted() {
                let namespaceFolder = folder.appendingPathComponent(namespace)
                guard let pods = try? manager.contentsOfDirectory(atPath: namespaceFolder.path) else { continue }
                for pod in pods.sorted() {
                    let podFolder = namespaceFolder.appendingPathComponent(pod)
                    guard let files = try? manager.contentsOfDirectory(atPath: podFolder.path) else { continue }
                    for file in files where file.hasSuffix(".log") {
                        let url = podFolder.appendingPathComponent(file)
                        let key = LogKey(namespace: namespace, pod: pod, container: String(file.dropLast(4)))
                        logs[key] = try String(contentsOf: url, encoding: .utf8)
                    }
                }
            }
        } catch {
            throw KubeEmulatorError.unreadableFolder(path: folder.path, reason: error.localizedDescription)
        }
        return logs
    }
}
