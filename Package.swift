// swift-tools-version:6.1
import PackageDescription

// One target per concern; data flows one way: ingest → text → store ← query ← bot ← cli.
let package = Package(
    name: "Muster",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "muster", targets: ["muster"]),
        .executable(name: "muster-bench", targets: ["MusterBench"]),
        // For the fuzzing package in Fuzzing/, which builds with sanitizers apart from this one.
        .library(name: "MusterFuzzing", targets: ["MusterFuzzing"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        .target(name: "MusterCore"),
        // Spike detection against the same hour in previous weeks: pure, no store and no clock.
        .target(name: "MusterAlerts", dependencies: ["MusterCore"]),
        .target(name: "MusterConfig", dependencies: ["MusterCore", .product(name: "Yams", package: "Yams")]),
        .target(name: "MusterText", dependencies: ["MusterCore", "MusterConfig"]),
        // The SQL both stores speak, written once: bound values, the dialects' differences, what a PostQuery asks.
        .target(name: "MusterSQL", dependencies: ["MusterCore", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "MusterStore", dependencies: ["MusterCore", "MusterSQL", "CSQLite", .product(name: "Crypto", package: "swift-crypto")]),
        // The same posts on PostgreSQL, for deployments larger than one machine.
        .target(
            name: "MusterPostgres",
            dependencies: [
                "MusterCore", "MusterSQL", .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(name: "MusterNet", dependencies: ["MusterCore", "CCurl"]),
        .target(name: "MusterIngest", dependencies: ["MusterCore", "MusterText", "MusterNet"]),
        // What a polled source (a feed, Mastodon, Bluesky, a JSON API) answers, read into ingest records.
        .target(name: "MusterSources", dependencies: ["MusterCore", "MusterConfig", "MusterIngest", "MusterNet"]),
        .target(name: "MusterIntents", dependencies: ["MusterCore", "CPCRE2", .product(name: "Yams", package: "Yams")]),
        .target(name: "MusterBot", dependencies: ["MusterAlerts", "MusterCore", "MusterConfig", "MusterText", "MusterIntents"]),
        .target(name: "MusterDemo", dependencies: ["MusterCore", "MusterConfig", "MusterText", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "MusterApp",
            dependencies: [
                "MusterCore", "MusterConfig", "MusterText", "MusterStore", "MusterPostgres", "MusterIngest", "MusterIntents", "MusterBot", "MusterDemo",
                "MusterSources",
            ]
        ),
        // Tokens signed by someone else's keys: JWTs, JWK sets, OpenID discovery and sign-in (Bot Framework, SSO).
        .target(
            name: "MusterIdentity",
            dependencies: [
                "MusterCore", .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "MusterChat",
            dependencies: [
                "MusterBot", "MusterConfig", "MusterCore", "MusterIdentity", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "MusterDelivery",
            dependencies: ["MusterCore", "MusterNet", .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics")]
        ),
        // Muster speaking first: the scheduler that checks watches and posts alerts, sitreps and the digest.
        .target(
            name: "MusterScheduler",
            dependencies: [
                "MusterAlerts", "MusterBot", "MusterChat", "MusterConfig", "MusterCore",
                .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "MusterEval",
            dependencies: [
                "MusterAlerts", "MusterBot", "MusterCore", "MusterConfig", "MusterDemo", "MusterText", "MusterIngest", "MusterStore",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(name: "MusterTranscripts", dependencies: ["MusterApp", "MusterBot", "MusterCore", "MusterIntents", "MusterPostgres"]),
        .target(name: "MusterTesting", dependencies: ["MusterApp", "MusterCore", "MusterStore"]),
        // The parsers' fuzz targets: run under libFuzzer by Fuzzing/, and over the committed corpus by the tests.
        .target(
            name: "MusterFuzzing",
            dependencies: [
                "MusterBot", "MusterChat", "MusterConfig", "MusterCore", "MusterIngest", "MusterIntents", "MusterSources", "MusterTesting",
                "MusterTranscripts",
            ]
        ),
        .target(
            name: "MusterServer",
            dependencies: [
                "MusterApp", "MusterBot", "MusterChat", "MusterConfig", "MusterCore", "MusterDelivery", "MusterIdentity", "MusterIngest", "MusterNet",
                "MusterScheduler",
                "MusterSources", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"), .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "muster",
            dependencies: [
                "MusterAlerts", "MusterApp", "MusterConfig", "MusterCore", "MusterBot", "MusterChat", "MusterDelivery", "MusterDemo", "MusterEval",
                "MusterIngest", "MusterIntents", "MusterServer", "MusterTranscripts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "MusterBench",
            dependencies: [
                "MusterApp", "MusterBot", "MusterChat", "MusterConfig", "MusterCore", "MusterIngest", "MusterIntents", "MusterNet", "MusterPostgres",
                "MusterSources", "MusterStore", "MusterTesting", "MusterText", "CPCRE2",
            ],
            path: "Benchmarks/MusterBench"
        ),

        .testTarget(name: "MusterAlertsTests", dependencies: ["MusterAlerts", "MusterCore", "MusterEval"]),
        .testTarget(name: "MusterStoreTests", dependencies: ["MusterStore", "MusterPostgres", "MusterSQL", "MusterCore"]),
        .testTarget(name: "MusterTextTests", dependencies: ["MusterText", "MusterConfig", "MusterEval", "MusterTesting"]),
        .testTarget(name: "MusterIngestTests", dependencies: ["MusterIngest", "MusterStore", "MusterTesting", "MusterFuzzing"]),
        .testTarget(name: "MusterIntentsTests", dependencies: ["MusterIntents", "MusterApp", "MusterEval", "MusterTesting"], exclude: ["phrasings.tsv", "tuned-blind.tsv"]),
        .testTarget(name: "MusterBotTests", dependencies: ["MusterBot", "MusterStore", "MusterTesting"]),
        .testTarget(name: "MusterCLITests", dependencies: ["MusterTesting", "MusterNet", "MusterApp", "MusterCore", "MusterDelivery", "MusterStore", "MusterPostgres", "MusterSQL"]),
        .testTarget(
            name: "MusterChatTests",
            dependencies: [
                "MusterChat", "MusterDelivery", "MusterStore", "MusterNet", "MusterTesting",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The fixtures are read from their place in the repository (by #filePath), as the other suites read theirs.
        .testTarget(name: "MusterSourcesTests", dependencies: ["MusterSources", "MusterConfig", "MusterIngest", "MusterCore", "MusterStore", "MusterTesting"], exclude: ["Fixtures"]),
        .testTarget(
            name: "MusterSchedulerTests",
            dependencies: [
                "MusterScheduler", "MusterApp", "MusterChat", "MusterCore", "MusterStore", "MusterTesting", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "MusterTranscriptTests", dependencies: ["MusterTranscripts", "MusterApp", "MusterPostgres", "MusterTesting"]),
    ]
)
