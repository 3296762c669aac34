import ArgumentParser
import MusterEval

/// `muster intents score`.
struct IntentsScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Measure understanding on labelled phrasings: right skill and slots, clarified, fallback, wrong skill.",
        discussion: """
            Each file is tab-separated with a header: skill area topic window text (as in shared/data/phrasings). \
            Every line is read as the first message of a conversation of its own, at --now. The figure that counts \
            is on phrasings nobody tuned the intents on.

            Example: muster intents score --now 2026-11-30T10:00:00Z ../shared/data/phrasings/dev.tsv
            """
    )

    @OptionGroup var options: CommonOptions

    @Flag(help: "Print only the totals, not each line that was not right (for a held-out set).")
    var summary = false

    @Argument(help: "Labelled phrasing files.")
    var files: [String]

    func run() throws {
        let muster = try options.open()
        do {
            let score = try PhrasingScore(paths: files, bot: muster.bot, config: muster.config)
            print(summary ? score.summary : score.report)
        } catch {
            throw Failure.report(error)
        }
    }
}
