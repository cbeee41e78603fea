// swift-tools-version:6.1
// Micro-benchmarks of auditpack's hot paths (package-benchmark). A separate package, so the main package's
// build and CI never resolve or build the benchmark dependency. See README.md.
import PackageDescription

let package = Package(
    name: "AuditPackMicroBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(name: "AuditPack", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "HotPaths",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "AuditPackCore", package: "AuditPack"),
                .product(name: "KubeAPI", package: "AuditPack"),
                .product(name: "Collection", package: "AuditPack"),
                .product(name: "Packaging", package: "AuditPack"),
                .product(name: "ClusterGenerator", package: "AuditPack"),
            ],
            path: "Benchmarks/HotPaths",
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        )
    ]
)
