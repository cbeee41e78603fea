import Foundation
import Packaging

/// The seed inputs: every `.zip` in the corpus folders, and the manifest.json of each.
struct FuzzSeeds {
    var packages: [Data] = []
    var manifests: [Data] = []

    static func load(_ folders: [String]) throws -> FuzzSeeds {
        var seeds = FuzzSeeds()
        for folder in folders {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".zip") }
            for name in names.sorted() {
                let url = URL(fileURLWithPath: folder).appendingPathComponent(name)
                seeds.packages.append(try Data(contentsOf: url))
                if let manifest = try? PackageReader(url: url).data("manifest.json") {
                    seeds.manifests.append(manifest)
                }
            }
        }
        return seeds
    }
}
