import Foundation
import MusterCore
import MusterTesting

/// `muster prune` on a copy of a large store, three months on: the posts of the store's first three months are past
/// the demo's 365 days. Beside it, SQLite deleting the same posts in one statement (the same triggers and cascades,
/// no slicing, no pauses for other writers), and `cp` of the file for the VACUUM that follows.
struct PruneBenchmark {
    let binary: String
    let store: String
    let folder: URL

    func run() throws -> [BenchmarkResult] {
        let copy = folder.appendingPathComponent("prune.sqlite").path
        let floorCopy = folder.appendingPathComponent("prune-floor.sqlite").path
        defer {
            for path in [copy, floorCopy, floorCopy + ".cp"] { try? FileManager.default.removeItem(atPath: path) }
        }
        for path in [copy, floorCopy] { try shell("/usr/bin/sqlite3", [store, "VACUUM INTO '\(path)'"]) }
        let now = Fixture.now.addingTimeInterval(91 * 86_400)
        let cutoff = Int(now.addingTimeInterval(-365 * 86_400).timeIntervalSince1970)
        let total = Int(try shell("/usr/bin/sqlite3", [copy, "SELECT count(*) FROM post"]).trimmed) ?? 0
        let old = Int(try shell("/usr/bin/sqlite3", [copy, "SELECT count(*) FROM post WHERE created_at < \(cutoff)"]).trimmed) ?? 0
        let before = Self.megabytes(copy)

        let when = now.formatted(.iso8601)
        var start = DispatchTime.now().uptimeNanoseconds
        try shell(binary, ["prune", "--store", copy, "--now", when])
        let prune = seconds(since: start)
        start = DispatchTime.now().uptimeNanoseconds
        try shell("/usr/bin/sqlite3", [floorCopy, "PRAGMA foreign_keys = ON; DELETE FROM post WHERE created_at < \(cutoff);"])
        let floor = seconds(since: start)
        let left = Int(try shell("/usr/bin/sqlite3", [copy, "SELECT count(*) FROM post WHERE created_at < \(cutoff)"]).trimmed) ?? -1

        start = DispatchTime.now().uptimeNanoseconds
        try shell(binary, ["prune", "--store", copy, "--now", when, "--vacuum"])
        let vacuum = seconds(since: start)
        let after = Self.megabytes(copy)
        start = DispatchTime.now().uptimeNanoseconds
        try shell("/bin/cp", [copy, floorCopy + ".cp"])
        let copied = seconds(since: start)
        return [
            BenchmarkResult(
                name: "prune: \(old.grouped) of \(total.grouped) posts past retention deleted with their topic and search rows (\(left == 0 ? "none left" : "\(left) left"))",
                unit: "s", figure: Summary([prune]), floor: Summary([floor]),
                floorDescription: "`sqlite3`: one DELETE of the same posts, same triggers", target: "–", met: nil
            ),
            BenchmarkResult(
                name: "prune --vacuum: store \(String(format: "%.0f", before)) MB before, \(String(format: "%.0f", after)) MB after",
                unit: "s", figure: Summary([vacuum]), floor: Summary([copied]), floorDescription: "`cp` of the pruned file", target: "–", met: nil
            ),
        ]
    }

    private static func megabytes(_ path: String) -> Double {
        [path, path + "-wal"].reduce(0.0) { total, file in
            total + Double((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0) / 1_000_000
        }
    }
}
