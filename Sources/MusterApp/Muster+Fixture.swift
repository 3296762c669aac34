import Foundation
import MusterCore

/// A dataset a throwaway store is built from, for tests, transcript replay and benchmarks.
public enum FixtureDataset: String, Sendable, CaseIterable {
    /// The demo council's month of posts, at a third of full volume (every story is in it), ending at "now".
    case demo
    /// No posts at all.
    case empty

    /// The demo fixture's volume relative to `muster demo`.
    public static let demoScale = 0.3
}

extension Muster {
    /// Muster over a new store in a temporary folder, holding `dataset` as of `now`, with the clock frozen there.
    ///
    /// The same dataset and `now` always give the same posts, so answers over a fixture are repeatable.
    public static func fixture(_ dataset: FixtureDataset, now: Date, configPath: String) throws -> Muster {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("muster-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let muster = try Muster(configPath: configPath, storePath: folder.appendingPathComponent("store.sqlite").path, clock: FixedClock(now))
        if dataset == .demo {
            _ = try muster.buildDemo(
                end: now, scale: FixtureDataset.demoScale, exportPath: folder.appendingPathComponent("demo.ndjson").path,
                configPath: configPath
            )
        }
        return muster
    }

    /// Another Muster over a private copy of this one's store, with the same config and clock: what a test or a
    /// transcript that changes state (marks a post handled, sets a rumour's status) runs on.
    public func copy(configPath: String) throws -> Muster {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("muster-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("store.sqlite").path
        try store.copy(to: path)
        return try Muster(configPath: configPath, storePath: path, clock: clock)
    }
}
