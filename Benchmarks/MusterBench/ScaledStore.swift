import Foundation
import MusterApp
import MusterCore
import MusterDemo
import MusterTesting

/// A demo-like store of a given size: a year of Northbridge's posts, generated deterministically and ingested
/// through the ordinary importer, with the ingest timed beside `sqlite3 .import` of the same rows.
struct ScaledStore {
    let muster: Muster
    let path: String
    let posts: Int
    let generateSeconds: Double
    let ingest: BenchmarkResult

    /// Builds the store: a year at `scale` 1 is about 465,000 posts, so 2.15 is about a million.
    init(scale: Double, days: Int = 366, folder: URL) throws {
        path = folder.appendingPathComponent("scale-\(scale).sqlite").path
        let ndjson = folder.appendingPathComponent("scale-\(scale).ndjson").path
        muster = try Muster(configPath: Fixture.demoConfigPath, storePath: path, clock: FixedClock(Fixture.now))
        var start = DispatchTime.now().uptimeNanoseconds
        let generator = DemoGenerator(config: muster.config, phrasebook: try muster.phrasebook(configPath: Fixture.demoConfigPath), end: Fixture.now, days: days, scale: scale)
        let lines = generator.lines()
        try (lines.joined(separator: "\n") + "\n").write(toFile: ndjson, atomically: true, encoding: .utf8)
        generateSeconds = seconds(since: start)
        start = DispatchTime.now().uptimeNanoseconds
        let report = try muster.ingester.ingest(ndjson, source: "demo")
        let ingestSeconds = seconds(since: start)
        posts = report.inserted
        let floor = try Self.sqliteImport(lines: lines, folder: folder, name: "scale-\(scale)")
        ingest = BenchmarkResult(
            name: "ingest with enrichment, NDJSON → store (\(posts.grouped) posts)", unit: "posts/s",
            figure: Summary([Double(posts) / ingestSeconds]), floor: Summary([Double(lines.count) / floor]),
            floorDescription: "`sqlite3 .import` of the same rows as CSV into a bare table, no indexes",
            target: "≥ 50,000 posts/s", met: Double(posts) / ingestSeconds >= 50_000, higherIsBetter: true
        )
    }

    /// Seconds `sqlite3 .import` takes to load the posts' own fields as CSV.
    private static func sqliteImport(lines: [String], folder: URL, name: String) throws -> Double {
        let columns = ["source", "id", "author", "text", "created_at", "url"]
        var csv = columns.joined(separator: ",") + "\n"
        for line in lines {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { continue }
            csv += columns.map { "\"" + "\(object[$0] ?? "")".replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") + "\n"
        }
        let csvPath = folder.appendingPathComponent("\(name).csv").path
        let database = folder.appendingPathComponent("\(name)-import.sqlite").path
        try csv.write(toFile: csvPath, atomically: true, encoding: .utf8)
        try? FileManager.default.removeItem(atPath: database)
        let start = DispatchTime.now().uptimeNanoseconds
        try shell("/usr/bin/sqlite3", [database, "PRAGMA journal_mode=WAL;", ".import --csv \(csvPath) post"])
        return seconds(since: start)
    }
}
