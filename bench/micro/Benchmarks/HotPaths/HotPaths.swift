import AuditPackCore
import Benchmark
import ClusterGenerator
import Collection
import Foundation
import KubeAPI
import Packaging

// Micro-benchmarks of auditpack's hot paths. One iteration handles one LIST page (500 pods, ≈3.5 MB) or one
// file, so `throughput` reads as pages (or files) per second. Inputs are generated in each benchmark's setup
// (outside the measurement) from PodFixtures: deterministic, no network.

/// The collector's secret-name patterns (`Redactor(secretNamePatterns:)`).
let secretNamePatterns = [
    "PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "CREDENTIAL", "ACCESS_KEY",
]

let benchmarks: @Sendable () -> Void = {
    let metrics: [BenchmarkMetric] = [
        .throughput, .wallClock, .cpuTotal, .mallocCountTotal, .mallocBytesCount, .peakMemoryResident,
    ]
    // Timing on a shared 2-core machine is noisy; allocation counts are exact and keep the strict default.
    let timing = BenchmarkThresholds(relative: [.p50: 10.0, .p75: 15.0])
    func configuration(
        warmupIterations: Int = 2,
        maxDuration: Duration = .seconds(3),
        maxIterations: Int = 200
    ) -> Benchmark.Configuration {
        .init(
            metrics: metrics,
            timeUnits: .milliseconds,
            warmupIterations: warmupIterations,
            scalingFactor: .one,
            maxDuration: maxDuration,
            maxIterations: maxIterations,
            thresholds: [.wallClock: timing, .cpuTotal: timing, .throughput: timing]
        )
    }
    // Files made in setup live here and are removed in teardown.
    let scratch = Scratch()

    // 1. Splitting one LIST page into its items (ListPageScanner + ListItem splice), nothing parsed.
    Benchmark("ListPage split 500 pods", configuration: configuration()) { _, input in
        let page = try ListPage(body: input.body, apiVersion: "v1", kind: "Pod")
        blackHole(try page.items)
    } setup: {
        try PageInput()
    }

    // 2. The page path as collection runs it: split, decide each item (byte pre-check; 2% parsed and
    // redacted), write it to a List file (hashing as it goes), finish the file.
    Benchmark("Page path split redact write 500 pods", configuration: configuration()) { _, input in
        let page = try ListPage(body: input.body, apiVersion: "v1", kind: "Pod")
        let redactor = input.redactor
        var writer = try ListFileWriter(url: input.output) { try redactor.decide($0) }
        try writer.begin(apiVersion: "v1", kind: "Pod", resourceVersion: page.metadata["resourceVersion"] as? String ?? "")
        try page.forEachItem { try writer.append($0) }
        let written = try writer.finish()
        blackHole(written)
    } setup: {
        try PagePathInput(output: scratch.file("page-path.json"))
    } teardown: {
        scratch.remove("page-path.json")
    }

    // 3. Sorted-key compact JSON of parsed pods (what a redacted item, derived evidence and the stores are
    // written with), against Foundation's JSONSerialization with .sortedKeys.
    Benchmark("JSONWriter 500 parsed pods", configuration: configuration()) { _, input in
        for pod in input.pods { blackHole(try JSONWriter.data(pod)) }
    } setup: {
        try ParsedPods()
    }

    Benchmark("JSONSerialization sortedKeys 500 parsed pods", configuration: configuration()) { _, input in
        for pod in input.pods { blackHole(try JSONSerialization.data(withJSONObject: pod, options: [.sortedKeys])) }
    } setup: {
        try ParsedPods()
    }

    // 4. Writing the evidence package: a deterministic deflated ZIP of one ~50 MB List file, then the
    // package's SHA-256; against just hashing the same file (Hashing.sha256, 1 MiB reads).
    let zipConfiguration = configuration(warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 8)
    Benchmark("PackageWriter zip 50 MB file", configuration: zipConfiguration) { _, input in
        let entry = PackageWriter.Entry(name: "evidence/pods.json", source: .file(input.file))
        let digest = try PackageWriter.write(entries: [entry], timestamp: input.timestamp, to: input.package)
        blackHole(digest)
    } setup: {
        try EvidenceFileInput(directory: scratch.directory("zip"))
    } teardown: {
        scratch.remove("zip")
    }

    Benchmark("Hashing sha256 50 MB file", configuration: zipConfiguration) { _, input in
        let digest = try Hashing.sha256(file: input.file)
        blackHole(digest)
    } setup: {
        try EvidenceFileInput(directory: scratch.directory("hash"))
    } teardown: {
        scratch.remove("hash")
    }

    // 5. Reading a List file back item by item: every item parsed to [String: Any], against decoding each
    // into a small Decodable (what evaluations that read few fields do).
    Benchmark("ListFileReader parse 500 items", configuration: configuration()) { benchmark, input in
        var count = 0
        for item in ListFileReader(url: input.file) {
            blackHole(item)
            count += 1
        }
        if count != PodFixtures.pageSize { benchmark.error("read \(count) items, expected \(PodFixtures.pageSize)") }
    } setup: {
        try ListFileInput(file: scratch.file("reader-parse.json"))
    } teardown: {
        scratch.remove("reader-parse.json")
    }

    Benchmark("ListFileReader decode 500 items", configuration: configuration()) { benchmark, input in
        var count = 0
        var items = ListFileReader(url: input.file).makeIterator()
        let decoder = JSONDecoder()
        while let bytes = items.nextBytes() {
            guard let pod = try? decoder.decode(PodSummary.self, from: bytes) else { continue }
            blackHole(pod)
            count += 1
        }
        if count != PodFixtures.pageSize { benchmark.error("decoded \(count) items, expected \(PodFixtures.pageSize)") }
    } setup: {
        try ListFileInput(file: scratch.file("reader-decode.json"))
    } teardown: {
        scratch.remove("reader-decode.json")
    }

    // 7. Generating a synthetic cluster (what `sandbox serve --generate` and scale tests start from): the
    // sample cluster loaded, then 200 tenant namespaces (over 8,000 objects) generated and filed.
    Benchmark(
        "ClusterGenerator sample + 200 namespaces",
        configuration: configuration(warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 10)
    ) { _, generator in
        blackHole(try generator.store().objectCount)
    } setup: {
        try ClusterGenerator(parsing: "namespaces=200")
    }
}

// MARK: - Inputs (made in setup, outside the measurement)

struct FixtureError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// One 500-pod `PodList` page, with a continue token, as the API server sends it.
final class PageInput {
    let body: Data

    init() throws {
        let size = PodFixtures.pageSize
        body = PodFixtures.listPage(0..<size, continueToken: PodFixtures.continueToken(after: size - 1))
        let page = try ListPage(body: body, apiVersion: "v1", kind: "Pod")
        guard page.count == size, page.continueToken != nil else {
            throw FixtureError("the generated page split into \(page.count) items, expected \(size)")
        }
    }
}

/// The page, a redactor, and where the List file goes. Checks that exactly the pods with a literal secret
/// (2%) are picked for redaction, so the benchmark measures the mix it claims.
final class PagePathInput {
    let body: Data
    let redactor = Redactor(secretNamePatterns: secretNamePatterns)
    let output: URL

    init(output: URL) throws {
        body = try PageInput().body
        self.output = output
        let page = try ListPage(body: body, apiVersion: "v1", kind: "Pod")
        var redacted = 0
        for item in try page.items {
            if case .replace = try redactor.decide(item) { redacted += 1 }
        }
        let expected = (0..<PodFixtures.pageSize).filter(PodFixtures.hasLiteralSecret).count
        guard redacted == expected else {
            throw FixtureError("the redactor picked \(redacted) of the page's pods, expected \(expected)")
        }
    }
}

/// The page's 500 pods parsed with JSONSerialization, as `ListItem.object()` gives them.
final class ParsedPods {
    let pods: [[String: Any]]

    init() throws {
        let page = try ListPage(body: try PageInput().body, apiVersion: "v1", kind: "Pod")
        pods = try page.items.map { try $0.object() }
    }
}

/// A List file of one page, written as collection writes it (ListFileWriter with the redactor).
final class ListFileInput {
    let file: URL

    init(file: URL) throws {
        self.file = file
        let summary = try writeListFile(to: file, pods: 0..<PodFixtures.pageSize)
        guard summary.items == PodFixtures.pageSize else {
            throw FixtureError("wrote \(summary.items) items, expected \(PodFixtures.pageSize)")
        }
    }
}

/// A ~50 MB List file of pods (about 7,100 of them, written page by page as collection does), and where
/// its package goes.
final class EvidenceFileInput {
    static let pods = 7_100
    let file: URL
    let package: URL
    /// The collection's start, stamped on every ZIP entry.
    let timestamp = Date(timeIntervalSince1970: 1_714_550_400)

    init(directory: URL) throws {
        file = directory.appendingPathComponent("pods.json")
        package = directory.appendingPathComponent("evidence.zip")
        let summary = try writeListFile(to: file, pods: 0..<Self.pods)
        guard summary.bytes > 45_000_000 else {
            throw FixtureError("the evidence file has \(summary.bytes) bytes, expected about 50 MB")
        }
    }
}

/// Writes pods `range` as a List file, 500 per page, the way `KubeClient.list` feeds a `ListFileWriter`.
func writeListFile(to url: URL, pods range: Range<Int>) throws -> (sha256: String, bytes: Int, items: Int) {
    let redactor = Redactor(secretNamePatterns: secretNamePatterns)
    var writer = try ListFileWriter(url: url) { try redactor.decide($0) }
    try writer.begin(apiVersion: "v1", kind: "Pod", resourceVersion: "48213377")
    for start in stride(from: range.lowerBound, to: range.upperBound, by: PodFixtures.pageSize) {
        let end = min(start + PodFixtures.pageSize, range.upperBound)
        let token = end < range.upperBound ? PodFixtures.continueToken(after: end - 1) : nil
        let page = try ListPage(body: PodFixtures.listPage(start..<end, continueToken: token), apiVersion: "v1", kind: "Pod")
        try page.forEachItem { try writer.append($0) }
    }
    return try writer.finish()
}

/// A small Decodable: the few fields an evaluation reads from a pod.
struct PodSummary: Decodable {
    struct Metadata: Decodable {
        let name: String
        let namespace: String?
    }

    struct Container: Decodable {
        let name: String
        let image: String?
    }

    struct Spec: Decodable {
        let containers: [Container]
    }

    let metadata: Metadata
    let spec: Spec?
}

/// A per-process temporary folder for the files benchmarks write.
struct Scratch: Sendable {
    let root = FileManager.default.temporaryDirectory
        .appendingPathComponent("auditpack-micro-\(ProcessInfo.processInfo.processIdentifier)")

    /// A file path in the folder (the folder is created).
    func file(_ name: String) throws -> URL {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root.appendingPathComponent(name)
    }

    /// A fresh subfolder.
    func directory(_ name: String) throws -> URL {
        let url = root.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Removes a file or subfolder, and the folder once it is empty.
    func remove(_ name: String) {
        try? FileManager.default.removeItem(at: root.appendingPathComponent(name))
        if (try? FileManager.default.contentsOfDirectory(atPath: root.path))?.isEmpty == true {
            try? FileManager.default.removeItem(at: root)
        }
    }
}
