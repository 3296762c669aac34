import ArgumentParser
import Foundation
import MusterIntents

/// `muster intents explain`.
struct IntentsExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how a message is read: the things found, each intent's score and cues, and why the winner won.",
        discussion: """
            The message is read as the first of a new conversation; --context reads it as a follow-up would be.

            Examples:
              muster intents explain "bins riverside?"
              muster intents explain --json "sitrep on the hill st fire last 3 hrs"
            """
    )

    @OptionGroup var options: CommonOptions

    @Flag(help: "Read the message as if the conversation had an earlier answer (follow-ups apply).")
    var context = false

    @Flag(help: "Write the reading as JSON.")
    var json = false

    @Argument(help: "The message.")
    var message: [String]

    func validate() throws {
        if message.isEmpty { throw ValidationError("Give the message to explain, e.g. muster intents explain \"bins riverside?\"") }
    }

    func run() throws {
        let muster = try options.open()
        let explanation = muster.intents.read(message.joined(separator: " "), hasContext: context).explanation
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            print(String(decoding: try encoder.encode(explanation), as: UTF8.self))
            return
        }
        print(Self.text(explanation))
    }

    static func text(_ explanation: Explanation) -> String {
        var lines = ["normalised: \"\(explanation.normalised)\""]
        for correction in explanation.corrections { lines.append("typo: read “\(correction.typed)” as \(correction.read)") }
        lines.append(explanation.things.isEmpty ? "things: none" : "things:")
        for thing in explanation.things { lines.append("  \(thing.kind.rawValue) = \(thing.value)   (“\(thing.text)”)") }
        lines.append("intents:")
        for score in explanation.intents where score.score != 0 || !score.cues.isEmpty {
            var reasons = score.cues.map { "cue '\($0.cue)' \(Self.signed($0.weight))" }
            reasons += score.things.map { "\($0.kind.rawValue) \(Self.signed($0.weight))" }
            if let line = score.sentenceLine { reasons.append("whole sentence (line \(line))") }
            let state = score.excluded.map { " — out: \($0)" } ?? ""
            lines.append("  \(Self.number(score.score).padding(toLength: 5, withPad: " ", startingAt: 0)) \(score.intent)\(state)")
            if !reasons.isEmpty { lines.append("        " + reasons.joined(separator: " · ")) }
        }
        let quiet = explanation.intents.filter { $0.score == 0 && $0.cues.isEmpty }.map(\.intent)
        if !quiet.isEmpty { lines.append("  0     \(quiet.joined(separator: ", "))") }
        var decision = "decision: \(explanation.decision)"
        if let intent = explanation.intent { decision += " \(intent)" }
        if !explanation.slots.isEmpty { decision += " with \(IntentSet.describe(explanation.slots.stated))" }
        for (index, option) in explanation.options.enumerated() { decision += "\n  \(index + 1): \(option.intent) with \(IntentSet.describe(option.slots.stated))" }
        lines.append(decision)
        lines.append("why: \(explanation.why)")
        return lines.joined(separator: "\n")
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    private static func signed(_ value: Double) -> String {
        (value >= 0 ? "+" : "") + number(value)
    }
}
