import Foundation
import MusterApp
import MusterCore
import MusterTesting

/// Time for the bot to answer a question in full (intent, slots, every query, themes, rendering to text) on a
/// scaled store, beside its floor: the store's own aggregate SQL for the question's topic, place and last 7 days
/// (count, places, sentiment split, questions, media), with its values written in, run in the `sqlite3` shell.
struct AnswerBenchmark {
    let store: ScaledStore
    let rounds: Int

    /// Question, skill, and the topic and wards of the aggregate its answer cannot do without.
    static let questions: [(question: String, skill: String, topic: String, areas: [String])] = [
        ("what are people saying about bins in Ward 4?", "topic summary", "bins", ["Riverside"]),
        ("any rumours about the fire?", "rumours", "fire", []),
        ("crisis summary for the fire", "crisis summary", "fire", []),
        ("what are the media saying about bins", "outlet coverage", "bins", []),
        ("compare bins in Riverside with Quayside", "compare", "bins", ["Riverside", "Quayside"]),
    ]

    func run() throws -> [BenchmarkResult] {
        try Self.questions.map { question, skill, topic, areas in
            let first = store.muster.bot.respond(to: question, in: "warm-up")
            FileHandle.standardError.write(Data("  \(question) → \(first.title)\n".utf8))
            var samples: [Double] = []
            for round in 0..<rounds {
                let start = DispatchTime.now().uptimeNanoseconds
                let reply = store.muster.bot.respond(to: question, in: "bench-\(round)")
                blackHole(reply.title)
                samples.append(seconds(since: start) * 1000)
            }
            let window = TimeWindow(start: Fixture.now.addingTimeInterval(-7 * 86_400), end: Fixture.now, label: "the last 7 days")
            let floor = try sqliteFloor(try store.muster.store.aggregateStatement(PostQuery(topics: [topic], areas: areas, window: window)))
            let summary = Summary(samples)
            let large = store.posts >= 5_000_000
            return BenchmarkResult(
                name: "answer: \(skill), “\(question)” (\(store.posts.grouped) posts)", unit: "ms",
                figure: summary, floor: Summary(floor), floorDescription: "the store's aggregate for it in the `sqlite3` shell",
                target: large ? "p99 ≤ 500 ms" : "≤ 50 ms median, ≤ 200 ms p99",
                met: large ? summary.p99 <= 500 : summary.median <= 50 && summary.p99 <= 200
            )
        }
    }

    /// Milliseconds per run of `statement`, as the sqlite3 shell's own timer reports them.
    private func sqliteFloor(_ statement: String) throws -> [Double] {
        let script = ".timer on\n" + String(repeating: statement + ";\n", count: rounds)
        let output = try shell("/bin/sh", ["-c", "/usr/bin/sqlite3 '\(store.path)' <<'SQL'\n\(script)SQL\n"])
        let times = output.split(separator: "\n").compactMap { line -> Double? in
            guard line.hasPrefix("Run Time: real ") else { return nil }
            return Double(line.dropFirst("Run Time: real ".count).split(separator: " ")[0]).map { $0 * 1000 }
        }
        guard times.count == rounds else { throw MusterError("the sqlite3 shell did not run the floor query: \(output.prefix(300))") }
        return times
    }
}
