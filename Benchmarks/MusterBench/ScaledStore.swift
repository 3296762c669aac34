import Foundation
import MusterApp
import MusterCore
import MusterStore
import MusterTesting

/// A demo-like store of a given size: a year of Northbridge's posts, generated with `muster generate`'s streaming
/// writer and loaded through the ordinary importer, with the load timed beside SQLite doing the same by itself.
struct ScaledStore {
    let muster: Muster
    let path: String
    let posts: Int
    /// The ingest figures, beside their floors; empty for a store that was already built.
    let ingest: [BenchmarkResult]
    /// How fast its posts were generated; `nil` for a store that was already built.
    let generation: BenchmarkResult?
    /// What `alsoLoading` measured with the same posts file (PostgreSQL's ingest and answers).
    let alongside: [BenchmarkResult]
    private let built: Bool

    /// Builds the store: a year at `scale` 1 is about 465,000 posts, so 2.15 is about a million and 21.5 ten million.
    /// `alsoLoading` is given the posts file before it is deleted, to load it elsewhere as well.
    init(scale: Double, days: Int = 366, folder: URL, alsoLoading: (_ ndjson: String, _ muster: Muster) throws -> [BenchmarkResult]) throws {
        path = folder.appendingPathComponent("scale-\(scale).sqlite").path
        let ndjson = folder.appendingPathComponent("scale-\(scale).ndjson").path
        muster = try Muster(configPath: Fixture.demoConfigPath, storePath: path, clock: FixedClock(Fixture.now))
        var start = DispatchTime.now().uptimeNanoseconds
        let written = try Muster.generatePosts(configPath: Fixture.demoConfigPath, end: Fixture.now, days: days, scale: scale, path: ndjson)
        let generated = Double(written) / seconds(since: start)
        log("  generated \(written.grouped) posts at \(Int(generated).grouped) posts/s")
        start = DispatchTime.now().uptimeNanoseconds
        try shell("/bin/cp", [ndjson, ndjson + ".copy"])
        let copied = Double(written) / seconds(since: start)
        try? FileManager.default.removeItem(atPath: ndjson + ".copy")
        generation = BenchmarkResult(
            name: "generate demo-like posts as NDJSON, `muster generate` (\(written.grouped) posts)", unit: "posts/s",
            figure: Summary([generated]), floor: Summary([copied]), floorDescription: "`cp` of the file it wrote",
            target: "no target", met: nil, higherIsBetter: true
        )
        // A load's time varies from run to run on a shared machine, so up to a million posts are loaded three
        // times, each into an empty store, and the median reported; the last load is the store answers read.
        var rates: [Double] = []
        for trial in 1..<(scale < 10 ? 3 : 1) {
            let trialPath = folder.appendingPathComponent("scale-\(scale)-trial-\(trial).sqlite").path
            let trialStore = try Muster(configPath: Fixture.demoConfigPath, storePath: trialPath, clock: FixedClock(Fixture.now))
            rates.append(try Self.timeLoad(ndjson, into: trialStore).rate)
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: trialPath + suffix) }
        }
        let (rate, inserted) = try Self.timeLoad(ndjson, into: muster)
        rates.append(rate)
        posts = inserted
        built = true
        log("  ingested at \(rates.map { Int($0).grouped }.joined(separator: ", ")) posts/s; timing SQLite on the same rows…")
        let floors = try SQLiteLoad(ndjson: ndjson, store: path, folder: folder, name: "scale-\(scale)")
        alongside = try alsoLoading(ndjson, muster)
        try? FileManager.default.removeItem(atPath: ndjson)
        let loads = rates.count == 1 ? "" : ", median and slowest of \(rates.count) loads"
        let name = "ingest with enrichment, NDJSON → store (\(posts.grouped) posts\(loads))"
        let target = "≥ 50,000 posts/s"
        let figure = Summary(rates: rates)
        ingest = [
            BenchmarkResult(
                name: name, unit: "posts/s", figure: figure, floor: Summary([floors.bareImport]),
                floorDescription: "`sqlite3 .import` of the same rows as CSV into a bare table, no indexes",
                target: target, met: figure.median >= 50_000, higherIsBetter: true
            ),
            BenchmarkResult(
                name: name, unit: "posts/s", figure: figure, floor: Summary([floors.storedCopy]),
                floorDescription: "the `sqlite3` shell copying the rows Muster stored (posts, topic rows, full-text index) into an empty store of the same schema, set up as Muster sets up a load",
                target: target, met: figure.median >= 50_000, higherIsBetter: true
            ),
        ]
    }

    /// Loads the NDJSON file into `muster`'s (empty) store; returns posts per second and how many went in.
    private static func timeLoad(_ ndjson: String, into muster: Muster) throws -> (rate: Double, inserted: Int) {
        let start = DispatchTime.now().uptimeNanoseconds
        let report = try muster.ingester.ingest(ndjson, source: "demo")
        return (Double(report.inserted) / seconds(since: start), report.inserted)
    }

    /// A store built earlier (`MUSTER_BENCH_STORE`), for timing answers without building one.
    init(existing path: String) throws {
        self.path = path
        muster = try Muster(configPath: Fixture.demoConfigPath, storePath: path, clock: FixedClock(Fixture.now))
        posts = try muster.store.totalPosts()
        ingest = []
        generation = nil
        alongside = []
        built = false
    }

    /// Deletes the store's files when this run built it.
    func deleteIfBuilt() {
        guard built else { return }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// SQLite loading the benchmark's posts by itself, in posts per second: the floors under Muster's ingest.
private struct SQLiteLoad {
    /// `sqlite3 .import` of the posts' own fields as CSV into a table with no index.
    let bareImport: Double
    /// The rows Muster stored, enriched, copied into an empty store of the same schema in one transaction:
    /// SQLite's own cost of writing exactly what Muster writes, with nothing to parse or enrich.
    let storedCopy: Double

    init(ndjson: String, store: String, folder: URL, name: String) throws {
        let csv = folder.appendingPathComponent("\(name).csv").path
        let bare = folder.appendingPathComponent("\(name)-import.sqlite").path
        let copy = folder.appendingPathComponent("\(name)-copy.sqlite").path
        defer {
            for file in [csv, bare, copy] {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file + suffix) }
            }
        }
        let rows = try Self.writeCSV(from: ndjson, to: csv)

        var start = DispatchTime.now().uptimeNanoseconds
        try shell("/usr/bin/sqlite3", [bare, "PRAGMA journal_mode=WAL;", ".import --csv \(csv) post"])
        bareImport = Double(rows) / seconds(since: start)
        try? FileManager.default.removeItem(atPath: csv)
        try? FileManager.default.removeItem(atPath: bare)

        _ = try SQLitePostStore(path: copy)
        start = DispatchTime.now().uptimeNanoseconds
        let (status, output) = try Fixture.run("/usr/bin/sqlite3", ["-bail", copy, SQLitePostStore.copySQL(from: store)])
        storedCopy = Double(rows) / seconds(since: start)
        guard status == 0 else { throw MusterError("the sqlite3 shell could not copy the store: \(output.prefix(300))") }
    }

    /// Writes the posts' own fields as CSV, a line at a time; returns how many rows.
    private static func writeCSV(from ndjson: String, to csv: String) throws -> Int {
        let columns = ["source", "id", "author", "text", "created_at", "url"]
        guard FileManager.default.createFile(atPath: csv, contents: Data((columns.joined(separator: ",") + "\n").utf8)),
              let output = FileHandle(forWritingAtPath: csv), let input = FileHandle(forReadingAtPath: ndjson)
        else { throw MusterError("cannot write \(csv)") }
        defer { try? output.close(); try? input.close() }
        try output.seekToEnd()
        var rows = 0
        var pending = Data()
        while let chunk = try input.read(upToCount: 8 << 20), !chunk.isEmpty {
            pending.append(chunk)
            guard let lastNewline = pending.lastIndex(of: UInt8(ascii: "\n")) else { continue }
            let lines = pending[..<lastNewline].split(separator: UInt8(ascii: "\n")).map { Data($0) }
            let converted = lines.concurrentMap { line -> [UInt8]? in
                guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else { return nil }
                var row: [UInt8] = []
                for (index, column) in columns.enumerated() {
                    row.append(UInt8(ascii: "\""))
                    for byte in "\(object[column] ?? "")".utf8 {
                        row.append(byte)
                        if byte == UInt8(ascii: "\"") { row.append(byte) }
                    }
                    row.append(UInt8(ascii: "\""))
                    row.append(index == columns.count - 1 ? UInt8(ascii: "\n") : UInt8(ascii: ","))
                }
                return row
            }.compactMap { $0 }
            rows += converted.count
            try output.write(contentsOf: Data(converted.joined()))
            pending = Data(pending[(lastNewline + 1)...])
        }
        return rows
    }
}
