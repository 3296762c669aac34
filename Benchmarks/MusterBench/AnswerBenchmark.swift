import Foundation
import MusterApp
import MusterCore
import MusterTesting

/// Time for the bot to answer a question in full (intent, slots, every query, themes, rendering to text) on a
/// scaled store, beside its floor: the answer's core aggregate — count, places, sentiment split, questions and
/// media for the question's topic, place and window — run in the `sqlite3` shell with its own timer.
struct AnswerBenchmark {
    let store: ScaledStore
    let rounds: Int

    /// Question, skill, and the core SQL its answer cannot do without.
    static let questions: [(String, String, String)] = [
        ("what are people saying about bins in Ward 4?", "topic summary", "topic IN ('bins')"),
        ("any rumours about the fire?", "rumours", "topic IN ('fire')"),
        ("crisis summary for the fire", "crisis summary", "topic IN ('fire')"),
        ("what are the media saying about bins", "outlet coverage", "topic IN ('bins')"),
        ("compare bins in Riverside with Quayside", "compare", "topic IN ('bins')"),
    ]

    func run() throws -> [BenchmarkResult] {
        try Self.questions.map { question, skill, topic in
            let first = store.muster.bot.respond(to: question, in: "warm-up")
            FileHandle.standardError.write(Data("  \(question) → \(first.title)\n".utf8))
            var samples: [Double] = []
            for round in 0..<rounds {
                let start = DispatchTime.now().uptimeNanoseconds
                let reply = store.muster.bot.respond(to: question, in: "bench-\(round)")
                blackHole(reply.title)
                samples.append(seconds(since: start) * 1000)
            }
            let floor = try sqliteFloor(topic: topic)
            let p99Target = store.posts >= 5_000_000 ? 500.0 : 200.0
            let median = Summary(samples).median
            return BenchmarkResult(
                name: "answer: \(skill), “\(question)” (\(store.posts.grouped) posts)", unit: "ms",
                figure: Summary(samples), floor: Summary(floor),
                floorDescription: "its core aggregate in the `sqlite3` shell",
                target: store.posts >= 5_000_000 ? "p99 ≤ 500 ms" : "≤ 50 ms median, ≤ 200 ms p99",
                met: Summary(samples).p99 <= p99Target && (store.posts >= 5_000_000 || median <= 50)
            )
        }
    }

    /// The aggregate over the last 7 days for `topic`, timed by the sqlite3 shell, in milliseconds per run.
    private func sqliteFloor(topic: String) throws -> [Double] {
        let end = Int(Fixture.now.timeIntervalSince1970), start = end - 7 * 86_400
        let query = """
            SELECT count(*), count(p.area), sum(p.sentiment <= -0.2), sum(p.sentiment >= 0.2), sum(p.is_question),
                   sum(p.author_kind = 'media')
            FROM post p WHERE p.created_at >= \(start) AND p.created_at < \(end)
              AND p.id IN (SELECT post_id FROM post_topic WHERE \(topic) AND created_at >= \(start) AND created_at < \(end));
            """
        let script = ".timer on\n" + String(repeating: query + "\n", count: rounds)
        let output = try shell("/bin/sh", ["-c", "/usr/bin/sqlite3 '\(store.path)' < /dev/stdin <<'SQL'\n\(script)SQL\n"])
        return output.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("Run Time: real ") else { return nil }
            return Double(line.dropFirst("Run Time: real ".count).split(separator: " ")[0]).map { $0 * 1000 }
        }
    }
}
