import ArgumentParser
import Foundation
import MusterApp
import MusterConfig
import MusterEval

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure enrichment on real data: sentiment, topics, areas and throughput, as a Markdown table.",
        discussion: """
            Uses the public data sets in the shared data folder (see its README for sources and licences).
            Build with -c release for a throughput figure that means something.

            Example: swift run -c release muster eval --data ../shared/data
            `muster eval alerts` measures spike alerts instead (false alarms, detection delays).
            """,
        subcommands: [AlertsEvalCommand.self]
    )

    @Option(name: .long, help: "The config file (default: $MUSTER_CONFIG, else config/northbridge/muster.yaml).")
    var config: String?

    @Option(help: "The shared data folder.")
    var data = "../shared/data"

    @Option(help: "The TweetEval split to score sentiment on: test (report) or val (tune).")
    var split = "test"

    @Option(help: "How topics map to FixMyStreet's grouped categories.")
    var mapping = "config/eval/fixmystreet-groups.yaml"

    func run() throws {
        do {
            let council = try CouncilConfig.load(from: Muster.configPath(config))
            let results = try Evaluation(
                config: council, dataFolder: URL(fileURLWithPath: data), mappingFile: URL(fileURLWithPath: mapping),
                sentimentSplit: split
            ).run()
            print("| measure | figure | data | read against |\n|---|---|---|---|")
            for result in results { print("| \(result.measure) | \(result.value) | \(result.data) | \(result.reference) |") }
        } catch {
            throw Failure.report(error)
        }
    }
}
