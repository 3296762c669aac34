import Foundation
import MusterApp
import MusterCore
import MusterPostgres
import MusterTesting

// Runs Muster's benchmarks and writes docs/benchmarks.md: `make bench` (release build; needs wrk and sqlite3, which
// it installs). Each figure is measured beside its floor in the same run; nothing here is a pass/fail test.
// MUSTER_BENCH_SCALES picks the store sizes (a year of posts; 2.15 ≈ 1M posts, 21.5 ≈ 10M); MUSTER_BENCH_ROUNDS
// the repetitions; MUSTER_BENCH_STORE times answers (and the service) on a store built earlier instead;
// MUSTER_BENCH_ONLY=intents prints the intent-matching row alone and writes nothing; =stores, the ingest and answer
// rows alone. With a PostgreSQL server in
// MUSTER_TEST_POSTGRES (make bench starts one), the same posts are loaded and answered there too, up to
// MUSTER_BENCH_POSTGRES_SCALE (2.15, a million posts).

let environment = ProcessInfo.processInfo.environment
let rounds = Int(environment["MUSTER_BENCH_ROUNDS"] ?? "") ?? 50
let scales = (environment["MUSTER_BENCH_SCALES"] ?? "0.215,2.15,21.5").split(separator: ",").compactMap { Double($0) }
let folder = try Fixture.temporaryDirectory()
let binary = Fixture.repositoryRoot.appendingPathComponent(".build/release/muster").path
func log(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }

let matcher = try Muster(configPath: Fixture.demoConfigPath, storePath: folder.appendingPathComponent("intents.sqlite").path, clock: FixedClock(Fixture.now))
// The phrasings file is tab-separated (skill, area, topic, window, text) under a header: the text is the last field.
let phrasings = try String(contentsOf: Fixture.repositoryRoot.appendingPathComponent("Tests/MusterIntentsTests/phrasings.tsv"), encoding: .utf8)
    .split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("skill\t") }.compactMap { $0.split(separator: "\t").last.map(String.init) }
let messages = phrasings + matcher.intents.intents.flatMap { $0.examples.map(\.text) + $0.counterExamples.map(\.text) }
log("intent matching…")
var results = [IntentMatchingBenchmark(intents: matcher.intents, messages: messages, rounds: rounds).run()]
if environment["MUSTER_BENCH_ONLY"] == "intents" {
    // Intent matching alone, for tuning the intents: the row is printed, and the report is left as it is.
    print(results.map(\.markdownRow).joined(separator: "\n"))
    exit(0)
}
if environment["MUSTER_BENCH_ONLY"] != "stores" {
    log("live sources…")
    results += try SourceBenchmark(folder: folder, rounds: rounds).run()
}

// The service is measured on the store nearest a million posts (the memory target's size); every other store is
// deleted once answered, as ten million posts take about 10 GB.
var serviceStore: ScaledStore?
let postgres = try environment["MUSTER_TEST_POSTGRES"].map { PostgresBenchmark(server: try PostgresAddress($0), rounds: min(rounds, 20)) }
let postgresScale = Double(environment["MUSTER_BENCH_POSTGRES_SCALE"] ?? "") ?? 2.15
let stores: [() throws -> ScaledStore] = environment["MUSTER_BENCH_STORE"].map { path in [{ try ScaledStore(existing: path) }] }
    ?? scales.map { scale in
        {
            log("building a store at scale \(scale)…")
            return try ScaledStore(scale: scale, folder: folder) { ndjson, muster in
                guard let postgres, scale <= postgresScale else { return [] }
                return try postgres.run(ndjson: ndjson, scale: scale, muster: muster)
            }
        }
    }
for build in stores {
    let store = try build()
    log("  \(store.posts.grouped) posts; answering…")
    results += [store.generation].compactMap { $0 } + store.ingest
    results += try AnswerBenchmark(store: store, rounds: min(rounds, 20)).run()
    results += store.alongside
    let distance = { (store: ScaledStore) in abs(store.posts - 1_000_000) }
    if let kept = serviceStore, distance(kept) <= distance(store) {
        store.deleteIfBuilt()
    } else {
        serviceStore?.deleteIfBuilt()
        serviceStore = store
    }
}
if environment["MUSTER_BENCH_ONLY"] == "stores" {
    // The stores alone (ingest and answers on SQLite and PostgreSQL), printed and not written to the report.
    serviceStore?.deleteIfBuilt()
    print(results.map(\.markdownRow).joined(separator: "\n"))
    exit(0)
}
if let serviceStore, FileManager.default.isExecutableFile(atPath: binary) {
    log("webhook load and memory…")
    let service = ServiceBenchmark(binary: binary, store: serviceStore.path, posts: serviceStore.posts)
    results += try service.webhook()
    results.append(try service.memory(questions: AnswerBenchmark.questions.map(\.question)))
    log("alert latency…")
    results.append(try service.alertLatency(rounds: min(rounds, 20)))
    log("prune…")
    results += try PruneBenchmark(binary: binary, store: serviceStore.path, folder: folder).run()
    let soakSeconds = Int(environment["MUSTER_BENCH_SOAK_SECONDS"] ?? "") ?? 600
    log("soak for \(soakSeconds) s…")
    results += try service.soak(seconds: soakSeconds)
} else {
    log("skipping the service benchmarks: build .build/release/muster first (make bench does)")
}
try? FileManager.default.removeItem(at: folder)

let machine = "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB"
let report = """
    # Muster benchmarks

    Release build, \(machine). Regenerate with `make bench` (it installs `wrk` and `sqlite3` when missing and builds
    in release mode); `MUSTER_BENCH_SCALES` sets the store sizes (a year of demo posts per scale: \(scales.map { String($0) }.joined(separator: ", ")) here)
    and `MUSTER_BENCH_ROUNDS` the repetitions (\(rounds); answers use at most 20). Each figure sits beside its floor, measured
    in the same run; the ratio is how many times the floor Muster takes (or, for throughputs, how many times short of it).

    Intent matching covers \(messages.count) messages (the intent examples, counter-examples and Muster's own phrasings in
    `Tests/MusterIntentsTests/phrasings.tsv`). Answers are whole answers in process: intent, slots, every query, themes
    and the reply; their floor is the one aggregate at the core of the question (its topic, place and week), which is
    a small part of the answer's reading (counts for this and the previous week, volume, the most engaged posts, media,
    2,000 posts' words for themes). Ingest has two floors: `sqlite3 .import` of the posts' own fields into a bare
    table, and the `sqlite3` shell copying the rows Muster stored (posts with their enrichment and raw record, topic
    rows, the full-text index) into an empty store of the same schema: SQLite's own cost of writing what Muster
    writes, with nothing to parse or enrich. The webhook and memory figures are `muster serve` (under `wrk` on
    loopback) on the store nearest a million posts.

    | benchmark | median | p99 | floor (median) | ratio | target | |
    |---|---|---|---|---|---|---|
    \(results.map(\.markdownRow).joined(separator: "\n"))

    """
print(report)
try report.write(to: Fixture.repositoryRoot.appendingPathComponent("docs/benchmarks.md"), atomically: true, encoding: .utf8)
