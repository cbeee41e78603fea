// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "AuditPack",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "auditpack", targets: ["AuditPackCLI"]),
        // Mutation fuzzer for the package reader, the verifier and the manifest decoder (Tests/Fuzz).
        .executable(name: "auditpack-fuzz", targets: ["PackageFuzz"]),
        // Libraries for bench/micro (a separate package, so CI never builds the benchmarks).
        .library(name: "AuditPackCore", targets: ["AuditPackCore"]),
        .library(name: "KubeAPI", targets: ["KubeAPI"]),
        .library(name: "Collection", targets: ["Collection"]),
        .library(name: "Packaging", targets: ["Packaging"]),
        .library(name: "ClusterGenerator", targets: ["ClusterGenerator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // Shared vocabulary: control catalog, manifest model, evidence model. No I/O beyond files.
        .target(
            name: "AuditPackCore",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Resources/catalog.yaml")]
        ),
        // Talks to a Kubernetes API server the way kubectl does. Read-only verbs only.
        .target(
            name: "KubeAPI",
            dependencies: [
                "AuditPackCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A Kubernetes API emulator with a built-in sample cluster (tests, demo, benchmarks).
        .target(
            name: "KubeEmulator",
            dependencies: [
                "AuditPackCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("SampleCluster")]
        ),
        // Large, realistic, deterministic synthetic clusters on top of the sample cluster (benchmarks, scale
        // tests, `sandbox serve --generate`).
        .target(
            name: "ClusterGenerator",
            dependencies: ["AuditPackCore", "KubeEmulator"]
        ),
        // Collectors record: they fetch evidence through KubeAPI and store it as received.
        .target(
            name: "Collection",
            dependencies: ["AuditPackCore", "KubeAPI", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Evaluators judge: evidence + now in, verdicts out. Must never depend on the HTTP client.
        .target(
            name: "Evaluation",
            dependencies: ["AuditPackCore"]
        ),
        // Deterministic ZIP, manifest, signatures. (CZlib, for raw inflate, comes with ZIPFoundation.)
        .target(
            name: "Packaging",
            dependencies: [
                "AuditPackCore",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // Uploads to S3-compatible object storage with Object Lock: SigV4, credentials, read-back.
        .target(
            name: "ObjectStore",
            dependencies: [
                "AuditPackCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Reports: time-to-evidence, gaps, remediation backlog, framework view; text, Markdown, CSV, JSON, HTML.
        .target(
            name: "Reports",
            dependencies: ["AuditPackCore", "Evaluation"]
        ),
        // The one library function behind each command: collect, verify, evaluate, report.
        .target(
            name: "Workflows",
            dependencies: [
                "AuditPackCore", "KubeAPI", "Collection", "Evaluation", "Packaging", "Reports", "ObjectStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "AuditPackCLI",
            dependencies: [
                "AuditPackCore", "KubeAPI", "KubeEmulator", "ClusterGenerator", "Collection", "Evaluation",
                "Packaging", "Reports", "Workflows", "ObjectStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "PackageFuzz",
            dependencies: ["AuditPackCore", "Packaging"]
        ),
        // Helpers shared by the test targets: temporary folders, a started emulator, log capture, process runs,
        // made-up packages, the upstream samples.
        .target(
            name: "TestSupport",
            dependencies: [
                "AuditPackCore", "KubeAPI", "KubeEmulator", "Packaging", .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "KubeAPITests",
            dependencies: ["KubeAPI", "KubeEmulator", "TestSupport"],
            resources: [.copy("Resources")]
        ),
        .testTarget(
            name: "CollectionTests",
            dependencies: [
                "AuditPackCore", "ClusterGenerator", "Collection", "Evaluation", "KubeAPI", "KubeEmulator", "Packaging",
                "Reports", "TestSupport", "Workflows", .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .testTarget(
            name: "EvaluationTests",
            dependencies: ["AuditPackCore", "Evaluation", "TestSupport", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["AuditPackCore", "Evaluation", "Reports", "TestSupport"],
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "PackagingTests",
            dependencies: [
                "AuditPackCore", "Packaging", "TestSupport", "Workflows", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Runs the built `auditpack` binary (exit codes, output files, signals, what reaches stdout/stderr) and
        // parses every command's flags through AuditPack.parseAsRoot.
        .testTarget(
            name: "AuditPackCLITests",
            dependencies: [
                "AuditPackCLI", "AuditPackCore", "KubeEmulator", "Packaging", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ObjectStoreTests",
            dependencies: [
                "AuditPackCore", "ObjectStore", "Packaging", "Workflows", "TestSupport", "KubeEmulator",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            resources: [.copy("Resources")]
        ),
        .testTarget(
            name: "KubeEmulatorTests",
            dependencies: ["ClusterGenerator", "KubeEmulator", "TestSupport"]
        ),
    ]
)
