import Foundation

/// The fuzz target's seed packages (Tests/Fuzz/corpus): real packages collected from the sample cluster.
enum FuzzCorpus {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/corpus")

    static func packages() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".zip") }.sorted().map { folder.appendingPathComponent($0) }
    }
}
