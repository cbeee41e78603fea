import Foundation
import TestSupport
import Testing

/// The upstream samples travel with the repository: every one a case names is there, and every one there is
/// accounted for in PROVENANCE.md (source, commit, licence).
@Suite("evaluators: upstream samples are in the repository, with their provenance")
struct UpstreamSamplesTests {
    @Test func everyNamedSampleIsInTheRepositoryAndListed() throws {
        let provenance = try String(
            contentsOf: UpstreamSamples.root.appendingPathComponent("PROVENANCE.md"),
            encoding: .utf8
        )
        var named: Set<String> = []
        for testCase in FixtureCase.all() where testCase.usesUpstream {
            let plan = try Data(contentsOf: testCase.folder.appendingPathComponent("input/upstream.json"))
            let sources = try JSONSerialization.jsonObject(with: plan) as? [String: [String: Any]] ?? [:]
            for source in sources.values {
                named.formUnion(source["list"] as? [String] ?? [])
                if let raw = source["raw"] as? String { named.insert(raw) }
            }
        }
        #expect(!named.isEmpty)
        for relative in named.sorted() {
            #expect(
                FileManager.default.fileExists(atPath: UpstreamSamples.url(relative).path),
                "\(relative) is not in Tests/Fixtures/upstream"
            )
        }
        let walker = FileManager.default.enumerator(atPath: UpstreamSamples.root.path)
        while let relative = walker?.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard name.hasSuffix(".yaml") || name.hasSuffix(".json") || name.hasSuffix(".txt"),
                !relative.hasPrefix("LICENSES/")
            else { continue }
            #expect(provenance.contains(name), "\(relative) has no row in PROVENANCE.md")
        }
    }
}
