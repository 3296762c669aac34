import ArgumentParser
import Foundation
import MusterApp
import MusterCore

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write demo-like posts as NDJSON, at any volume, for load tests and benchmarks.",
        discussion: """
            The posts are the demo council's (its wards, places, outlets, stories and a day's rhythm), written a day
            at a time so even ten million never sit in memory. Load them with `muster ingest`.
            A year at --scale 1 is about 465,000 posts; --scale 2.15 about a million, --scale 21.5 about ten million.

            Example:
              muster generate --days 366 --scale 2.15 million.ndjson
            """
    )

    @OptionGroup var options: CommonOptions

    @Option(help: "Days of posts, ending now (or --now).")
    var days = 366

    @Option(help: "Volume multiplier (a day at 1 is about 1,270 posts).")
    var scale = 1.0

    @Argument(help: "The NDJSON file to write.")
    var output: String

    func validate() throws {
        guard (1...3_660).contains(days) else { throw ValidationError("--days must be between 1 and 3660") }
        guard scale > 0, scale <= 500 else { throw ValidationError("--scale must be above 0 and at most 500") }
    }

    func run() throws {
        let started = Date()
        let bar = ProgressBar(label: "generating posts")
        let count: Int
        do {
            count = try Muster.generatePosts(configPath: options.config, end: options.clock.now, days: days, scale: scale, path: output) { done, all in
                bar.update(done, of: all)
            }
        } catch {
            throw Failure.report(error)
        }
        let seconds = Date().timeIntervalSince(started)
        print("Wrote \(count.grouped) posts over \(days) days to \(output) in \(String(format: "%.1f", seconds)) s (\(Int(Double(count) / seconds).grouped) posts/s)")
    }
}
