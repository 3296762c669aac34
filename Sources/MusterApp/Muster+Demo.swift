import Foundation
import MusterConfig
import MusterCore
import MusterDemo
import MusterIngest

extension Muster {
    /// Writes the demo month ending at `end` to `exportPath` as NDJSON and ingests it through the ordinary importer.
    ///
    /// - Returns: the ingest report (every demo post should be new; none rejected).
    public func buildDemo(
        end: Date, days: Int = 35, scale: Double = 1, exportPath: String, configPath: String? = nil,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> IngestReport {
        let generator = DemoGenerator(config: config, phrasebook: try Self.phrasebook(configPath: configPath), end: end, days: days, scale: scale)
        let body = generator.lines().joined(separator: "\n") + "\n"
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: exportPath).deletingLastPathComponent(), withIntermediateDirectories: true)
        try body.write(toFile: exportPath, atomically: true, encoding: .utf8)
        return try ingester.ingest(exportPath, source: "demo", progress: progress)
    }
}

extension Muster {
    /// Writes `days` of demo-like posts ending at `end` to `path` as NDJSON, streamed a day at a time, for load
    /// tests and benchmarks at any volume (2.15 × a year ≈ 1M posts, 21.5 ≈ 10M). Needs no store: only the config
    /// at `configPath` (`nil`: `MUSTER_CONFIG` or the demo council) and the phrasebook beside it.
    ///
    /// - Returns: how many posts were written.
    public static func generatePosts(
        configPath: String? = nil, end: Date, days: Int, scale: Double, path: String,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> Int {
        let config = try CouncilConfig.load(from: Self.configPath(configPath))
        let generator = DemoGenerator(config: config, phrasebook: try Self.phrasebook(configPath: configPath), end: end, days: days, scale: scale)
        return try generator.write(toFile: path, progress: progress)
    }
}
