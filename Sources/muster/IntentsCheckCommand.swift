import ArgumentParser

/// `muster intents check`.
struct IntentsCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Fail if an example is not answered by its own intent with its slots, a counter-example is, or a word or window does not resolve.",
        discussion: """
            Every example must be answered (not clarified) by its own intent with exactly its slots; no counter-example \
            may be answered by its intent; every status word and every name in the config, found alone, must resolve \
            to its own value; every window example in windows.yaml must be found whole and read as a span of time.
            """
    )

    @OptionGroup var options: CommonOptions

    @Flag(help: "Also read each example without the whole-sentence patterns only it matches, and report how many still reach their intent.")
    var leaveOneOut = false

    func run() throws {
        let muster = try options.open()
        if leaveOneOut {
            let result = muster.intents.leaveOneOut()
            for miss in result.misses { print(miss) }
            print("leave-one-out: \(result.right) of \(result.total) examples (\(result.total == 0 ? 0 : result.right * 100 / result.total)%) reach their intent with their slots without a pattern of their own")
        }
        let failures = muster.intents.check(vocabulary: muster.vocabulary)
        let examples = muster.intents.intents.reduce(0) { $0 + $1.examples.count + $1.counterExamples.count }
        for failure in failures { print(failure) }
        let waiting = muster.bot.unansweredIntents
        if !waiting.isEmpty { print("recognised but not answered yet: \(waiting.joined(separator: ", "))") }
        print("\(muster.intents.intents.count) intents, \(examples) examples, \(muster.vocabulary.entries.count) names: \(failures.count) problems")
        if !failures.isEmpty { throw ExitCode.failure }
    }
}
