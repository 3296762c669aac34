import ArgumentParser
import MusterApp
import MusterEval
import MusterIntents

struct IntentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intents",
        abstract: "Check the intent files, or explain how a message is matched.",
        subcommands: [Check.self, Explain.self, Score.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fail if any example is not won by its own intent with its slots, ties, or a counter-example matches."
        )

        @OptionGroup var options: CommonOptions

        func run() throws {
            let muster = try options.open()
            let failures = muster.intents.check()
            let examples = muster.intents.intents.reduce(0) { $0 + $1.examples.count + $1.counterExamples.count }
            for failure in failures { print(failure) }
            let waiting = muster.bot.unansweredIntents
            if !waiting.isEmpty { print("recognised but not answered yet: \(waiting.joined(separator: ", "))") }
            print("\(muster.intents.intents.count) intents, \(examples) examples: \(failures.count) problems")
            if !failures.isEmpty { throw ExitCode.failure }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show every intent's verdict on a message, its slots, and why the winner won.",
            discussion: "Example: muster intents explain \"bins in ward 4 this week\""
        )

        @OptionGroup var options: CommonOptions

        @Argument(help: "The message.")
        var message: [String]

        func run() throws {
            let muster = try options.open()
            let text = message.joined(separator: " ")
            print("normalised: \"\(muster.intents.normaliser.normalise(text))\"")
            let candidates = muster.intents.candidates(for: text)
            let winner = candidates.first?.match
            for candidate in candidates {
                guard let match = candidate.match else {
                    print("  no match   \(candidate.intent.name)")
                    continue
                }
                let isWinner = match.intent == winner?.intent
                let reason = isWinner ? "" : Self.reason(match, against: winner!)
                print("  \(isWinner ? "WINNER" : "lost  ")  \(match.intent)  priority \(match.priority), specificity \(match.specificity), slots: \(IntentSet.describe(match.slots))\(reason)")
            }
            if winner == nil { print("no intent matches: Muster answers with its did-you-mean fallback") }
        }

        static func reason(_ match: IntentMatch, against winner: IntentMatch) -> String {
            if match.priority < winner.priority { return " — lower priority than \(winner.intent)" }
            if match.specificity < winner.specificity { return " — less specific than \(winner.intent)" }
            return " — declared after \(winner.intent)"
        }
    }

    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure understanding on labelled phrasings: right skill and slots, clarified, fallback, wrong skill.",
            discussion: """
                Each file is tab-separated with a header: skill area topic window text (as in shared/data/phrasings). \
                Every line is read as the first message of a conversation of its own, at --now.

                Example: muster intents score --now 2026-11-30T10:00:00Z ../shared/data/phrasings/dev.tsv
                """
        )

        @OptionGroup var options: CommonOptions

        @Argument(help: "Labelled phrasing files.")
        var files: [String]

        func run() throws {
            let muster = try options.open()
            do {
                print(try PhrasingScore(paths: files, bot: muster.bot, config: muster.config).report)
            } catch {
                throw Failure.report(error)
            }
        }
    }
}
