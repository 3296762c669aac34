import MusterCore
import ArgumentParser
import Foundation
import MusterApp
import MusterBot

struct ChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "Talk to Muster in the terminal, one question after another.",
        discussion: "Type a question and press Enter; `quit` or Ctrl-D ends the session."
    )

    @OptionGroup var options: CommonOptions

    func run() throws {
        try Self.converse(with: try options.open())
    }

    /// Reads questions from standard input until `quit` or end of input, answering each.
    static func converse(with muster: Muster) throws {
        let interactive = Terminal.isInteractive(FileHandle.standardInput)
        let renderer = TextRenderer()
        if interactive {
            print("Muster for \(muster.config.organisation.name). Ask a question, or type help. `quit` ends.")
        }
        // One conversation for the session, its own: follow-ups build on this session's answers, not an earlier one's.
        let conversation = "cli:\(UUID().uuidString)"
        while true {
            if interactive {
                print("\nyou> ", terminator: "")
                fflush(nil)
            }
            guard let line = readLine() else { break }
            let message = line.trimmed
            if message.isEmpty { continue }
            if ["quit", "exit", "bye"].contains(message.lowercased()) { break }
            try muster.auditCommand("ask", message)
            print(renderer.render(muster.bot.respond(to: message, in: conversation)))
        }
    }
}
