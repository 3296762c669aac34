import Foundation
import MusterApp
import MusterCore
import MusterTesting

// Runs Muster's benchmarks (release build: `swift run -c release muster-bench`) and writes docs/benchmarks.md.
// Each figure is measured beside its physical floor in the same run; nothing here is a pass/fail test.

let rounds = Int(ProcessInfo.processInfo.environment["MUSTER_BENCH_ROUNDS"] ?? "") ?? 50
let store = try Fixture.temporaryDirectory().appendingPathComponent("bench.sqlite").path
let muster = try Muster(configPath: Fixture.demoConfigPath, storePath: store, clock: FixedClock(Fixture.now))

let phrasings = try String(contentsOf: Fixture.repositoryRoot.appendingPathComponent("Tests/MusterIntentsTests/phrasings.tsv"), encoding: .utf8)
    .split(separator: "\n").filter { !$0.hasPrefix("#") }.map { String($0.split(separator: "\t")[0]) }
let examples = muster.intents.intents.flatMap { $0.examples.map(\.text) + $0.counterExamples.map(\.text) }
let messages = phrasings + examples

let results = [IntentMatchingBenchmark(intents: muster.intents, messages: messages, rounds: rounds).run()]

let machine = "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB"
let report = """
    # Muster benchmarks

    Release build, \(machine), \(rounds) rounds over \(messages.count) messages (the intent examples, counter-examples
    and the unseen phrasings of `Tests/MusterIntentsTests/phrasings.tsv`). Regenerate with
    `swift run -c release muster-bench`; `MUSTER_BENCH_ROUNDS` sets the rounds.

    | benchmark | median | p99 | floor (median) | ratio | target | |
    |---|---|---|---|---|---|---|
    \(results.map(\.markdownRow).joined(separator: "\n"))

    """
print(report)
try report.write(to: Fixture.repositoryRoot.appendingPathComponent("docs/benchmarks.md"), atomically: true, encoding: .utf8)
