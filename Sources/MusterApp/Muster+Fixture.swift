import Foundation
import MusterCore

/// A dataset a throwaway store is built from, for tests, transcript replay and benchmarks.
public enum FixtureDataset: String, Sendable, CaseIterable {
    /// The demo council's month of posts, at a third of full volume (every story is in it), ending at "now".
    case demo
    /// No posts at all.
    case empty
    /// The Glasgow helicopter crash of 29 November 2013: CrisisLexT26's 1,100 labelled tweets, read from the shared
    /// data folder (`$MUSTER_DATA`, else `../shared/data`) as they come, their times taken from their ids.
    case glasgow

    /// Where the Glasgow fixture's tweets are, under the shared data folder.
    public static let glasgowTweets = "crisislex/CrisisLexT26/2013_Glasgow_helicopter_crash/2013_Glasgow_helicopter_crash-tweets_labeled.csv"

    /// The shared data folder: `$MUSTER_DATA`, else `../shared/data` from where Muster runs.
    public static var dataFolder: String {
        ProcessInfo.processInfo.environment["MUSTER_DATA"] ?? "../shared/data"
    }

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
        switch dataset {
        case .demo:
            _ = try muster.buildDemo(
                end: now, scale: FixtureDataset.demoScale, exportPath: folder.appendingPathComponent("demo.ndjson").path,
                configPath: configPath
            )
        case .glasgow:
            let path = (FixtureDataset.dataFolder as NSString).appendingPathComponent(FixtureDataset.glasgowTweets)
            guard FileManager.default.fileExists(atPath: path) else {
                throw MusterError("the Glasgow fixture needs \(path)", hint: "Set MUSTER_DATA to the shared data folder.")
            }
            _ = try muster.ingester.ingest(path, source: "twitter")
        case .empty:
            break
        }
        return muster
    }

    /// Another Muster over a private copy of this one's store, with the same config and clock: what a test or a
    /// transcript that changes state (marks a post handled, sets a rumour's status) runs on. `posts`, when given, is
    /// where the copy reads and writes posts instead (a private PostgreSQL copy of them).
    public func copy(configPath: String, posts: PostBackend? = nil) throws -> Muster {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("muster-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("store.sqlite").path
        try store.copy(to: path)
        return try Muster(configPath: configPath, storePath: path, posts: posts, clock: clock)
    }
}
