import Foundation
import MusterCore
import ArgumentParser
import MusterApp
import MusterBot

struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask one question and print the answer.",
        discussion: """
            Examples:
              muster ask "what are people saying about bins in Ward 4?"
              muster ask "summary of flooding in Quayside last week"
            """
    )

    @OptionGroup var options: CommonOptions

    @Argument(help: "The question, in quotes.")
    var question: [String]

    func validate() throws {
        if question.joined().trimmed.isEmpty {
            throw ValidationError("Ask a question, e.g. muster ask \"what are people saying about bins in Ward 4?\"")
        }
    }

    func run() throws {
        let muster = try options.open()
        let question = question.joined(separator: " ")
        try muster.auditCommand("ask", question)
        print(TextRenderer().render(muster.bot.respond(to: question, in: "cli:\(UUID().uuidString)")))
    }
}
