import Foundation
import MusterApp
import MusterCore

/// Builds Muster over fixture stores with a frozen clock: the one helper unit tests, transcript replay and
/// benchmarks share.
public enum Fixture {
    /// The frozen "now" of every fixture: Tuesday 24 November 2026, 09:42 UTC.
    public static let now = try! Date("2026-11-24T09:42:00Z", strategy: .iso8601)

    /// The repository's root folder, found from this file's place in it.
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// The demo council's config file.
    public static var demoConfigPath: String {
        repositoryRoot.appendingPathComponent("config/northbridge/muster.yaml").path
    }

    /// A new, empty folder under the system's temporary directory.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("muster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Muster on the demo council's config with a new, empty store and the frozen clock.
    public static func empty() throws -> Muster {
        try Muster.fixture(.empty, now: now, configPath: demoConfigPath)
    }

    /// Muster over the demo month ending at `now` (built once per test process, then shared read-only).
    public static func demo() throws -> Muster {
        try sharedDemo.get()
    }

    private static let sharedDemo = DemoCache()

    /// Builds the demo store on first use; tests running in parallel wait for the one build.
    private final class DemoCache: @unchecked Sendable {
        private let lock = NSLock()
        private var built: Muster?

        func get() throws -> Muster {
            try lock.withLock {
                if let built { return built }
                let muster = try Muster.fixture(.demo, now: Fixture.now, configPath: Fixture.demoConfigPath)
                built = muster
                return muster
            }
        }
    }
}
