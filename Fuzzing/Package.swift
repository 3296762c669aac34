// swift-tools-version:6.1
import PackageDescription

// libFuzzer over Muster's parsers, apart from the root package so that its build never sees the sanitizer flags.
// Build: swift build --package-path Fuzzing -Xswiftc -sanitize=fuzzer,address (see README.md, or `make fuzz` at the root).
let package = Package(
    name: "MusterFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Muster", path: "..")],
    targets: [
        .executableTarget(name: "muster-fuzz", dependencies: [.product(name: "MusterFuzzing", package: "Muster")]),
    ]
)
