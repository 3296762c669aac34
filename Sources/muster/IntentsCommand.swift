import ArgumentParser

/// `muster intents`: the intent files' own tools.
struct IntentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intents",
        abstract: "Check the intent files, explain how a message is read, score labelled phrasings, list the misses.",
        subcommands: [IntentsCheckCommand.self, IntentsExplainCommand.self, IntentsScoreCommand.self, IntentsMissesCommand.self]
    )
}
