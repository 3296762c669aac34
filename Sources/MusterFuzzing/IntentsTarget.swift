import Foundation
import MusterBot
import MusterConfig
import MusterIntents
import MusterTesting

/// The normaliser and the intent matcher, over the demo council's intents: what every chat message goes through.
enum IntentsTarget {
    /// Loaded once per process: compiling the intents takes far longer than reading one message.
    static let intents: IntentSet = {
        do {
            let config = try CouncilConfig.load(from: Fixture.demoConfigPath)
            return try IntentSet(config: config, vocabulary: Vocabulary(config: config))
        } catch {
            fatalError("the intents fuzz target cannot load the demo council's intents: \(error)")
        }
    }()

    static func check(_ input: Data, _ check: inout InvariantCheck) {
        let message = String(decoding: input, as: UTF8.self)
        let normaliser = intents.normaliser
        let normalised = normaliser.normalise(message)
        // Patterns are written against single-spaced lower case: anything else here is a message no pattern can match.
        check.expect(!normalised.utf8.contains { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }, "normalised \(normalised.quoted) has capitals")
        check.expect(!normalised.hasPrefix(" ") && !normalised.hasSuffix(" ") && !normalised.contains("  "), "normalised \(normalised.quoted) is not single-spaced")
        // Normalising is a fixed point: what it leaves is already plain. The exception is by design: the bot's name is
        // taken off each end once ("muster muster hello" leaves "muster hello").
        let twice = normaliser.normalise(normalised)
        let ends = [normalised.split(separator: " ").first, normalised.split(separator: " ").last].compactMap { $0 }
        let addressed = ends.contains { normaliser.botNames.contains($0.trimmingCharacters(in: CharacterSet(charactersIn: "@").union(.punctuationCharacters))) }
        check.expect(addressed || twice == normalised, "normalising \(message.quoted) again changes \(normalised.quoted) to \(twice.quoted)")

        for hasContext in [false, true] {
            let reading = intents.read(message, hasContext: hasContext)
            // The explanation and slots are built lazily; asking for them runs that code too.
            _ = reading.why
            _ = reading.slots
            if let intent = reading.intent {
                check.expect(intents.intent(named: intent) != nil, "the reading names an intent \(intent.quoted) that does not exist")
            }
        }
    }
}
