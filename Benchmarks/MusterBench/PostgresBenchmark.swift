import Foundation
import MusterApp
import MusterBot
import MusterCore
import MusterIngest
import MusterPostgres
import MusterTesting
import MusterText

/// The same ingest and answers on PostgreSQL as on SQLite, in the same run: the posts file a scaled SQLite store was
/// built from goes through the ordinary importer into a new PostgreSQL database, and the bot answers the same
/// questions from it. The floors are PostgreSQL's own time for the same work, as `psql` with `\timing` reports it:
/// copying the rows Muster stored into empty tables of the same schema, and the answer's core aggregate.
struct PostgresBenchmark {
    let server: PostgresAddress
    let rounds: Int

    func run(ndjson: String, scale: Double, muster: Muster) throws -> [BenchmarkResult] {
        let name = "muster_bench_" + String(scale).replacingOccurrences(of: ".", with: "_")
        try? PostgresPostStore.dropDatabase(name, on: server)
        try PostgresPostStore.createDatabase(name, on: server)
        let address = server.with(database: name)
        let store = try PostgresPostStore(address: address)
        defer {
            store.close()
            try? PostgresPostStore.dropDatabase(name, on: server)
        }
        let ingester = Ingester(store: store, enricher: Enricher(config: muster.config), clock: FixedClock(Fixture.now))
        let start = DispatchTime.now().uptimeNanoseconds
        let inserted = try ingester.ingest(ndjson, source: "demo").inserted
        let rate = Double(inserted) / seconds(since: start)
        log("  PostgreSQL: ingested \(inserted.grouped) posts at \(Int(rate).grouped) posts/s; timing PostgreSQL on the same rows…")
        let copy = try copySeconds(address)
        var results = [
            BenchmarkResult(
                name: "PostgreSQL: ingest with enrichment, NDJSON → store (\(inserted.grouped) posts)", unit: "posts/s",
                figure: Summary(rates: [rate]), floor: Summary([Double(inserted) / copy]),
                floorDescription: "PostgreSQL copying the rows Muster stored (posts with their search vectors and indexes, topic rows) into empty tables of the same schema, `psql` `\\timing`",
                target: "≥ 50,000 posts/s (with `COPY`)", met: rate >= 50_000, higherIsBetter: true
            ),
        ]
        let bot = Bot(config: muster.config, intents: muster.intents, store: store, clock: FixedClock(Fixture.now))
        for (question, skill, topic, areas) in AnswerBenchmark.questions {
            _ = bot.respond(to: question, in: "warm-up")
            var samples: [Double] = []
            for round in 0..<rounds {
                let start = DispatchTime.now().uptimeNanoseconds
                blackHole(bot.respond(to: question, in: "bench-\(round)").title)
                samples.append(seconds(since: start) * 1000)
            }
            let window = TimeWindow(start: Fixture.now.addingTimeInterval(-7 * 86_400), end: Fixture.now, label: "the last 7 days")
            let statement = store.aggregateStatement(PostQuery(topics: [topic], areas: areas, window: window))
            let floor = try psqlTimes(address, setup: "", String(repeating: statement + ";\n", count: rounds))
            let summary = Summary(samples)
            let large = inserted >= 5_000_000
            results.append(BenchmarkResult(
                name: "PostgreSQL: answer: \(skill), “\(question)” (\(inserted.grouped) posts)", unit: "ms",
                figure: summary, floor: Summary(floor), floorDescription: "the store's aggregate for it in `psql`",
                target: large ? "p99 ≤ 500 ms" : "≤ 50 ms median, ≤ 200 ms p99",
                met: large ? summary.p99 <= 500 : summary.median <= 50 && summary.p99 <= 200
            ))
        }
        return results
    }

    /// Seconds PostgreSQL takes to copy the stored posts and topic rows into empty tables like theirs (indexes,
    /// generated search vector and all).
    private func copySeconds(_ address: PostgresAddress) throws -> Double {
        let columns = (["id"] + Post.insertedColumns + ["handled_by", "handled_at", "edited_at"]).joined(separator: ", ")
        let setup = """
            CREATE TABLE post_copy (LIKE post INCLUDING ALL);
            CREATE TABLE post_topic_copy (LIKE post_topic INCLUDING ALL);

            """
        let times = try psqlTimes(address, setup: setup, """
            INSERT INTO post_copy (\(columns)) SELECT \(columns) FROM post;
            INSERT INTO post_topic_copy SELECT * FROM post_topic;

            """)
        return times.reduce(0, +) / 1000
    }

    /// Milliseconds for each statement of `timed`, run after `setup`, as `psql`'s `\timing` reports them.
    private func psqlTimes(_ address: PostgresAddress, setup: String, _ timed: String) throws -> [Double] {
        let url = "postgres://\(address.user)@\(address.host):\(address.port)/\(address.database)"
        let script = "\\set ON_ERROR_STOP on\n\(setup)\\timing on\n\(timed)"
        let (status, output) = try Fixture.run("/bin/sh", ["-c", "psql -X -q '\(url)' <<'SQL'\n\(script)SQL\n"])
        guard status == 0 else { throw MusterError("psql could not run the floor: \(output.prefix(300))") }
        return output.split(separator: "\n").compactMap { line -> Double? in
            guard line.hasPrefix("Time: ") else { return nil }
            return Double(line.dropFirst("Time: ".count).split(separator: " ")[0])
        }
    }
}
