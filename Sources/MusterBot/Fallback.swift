import MusterIntents

/// The answer when nothing is understood, or the message is out of scope: the examples closest to what was typed
/// (the nearest intents' first, then by shared words or three-letter pieces so typos still find them), and a
/// pointer to help. Never silence, and never a counter-example or an action nobody hinted at.
enum Fallback {
    static let suggestionCount = 3

    static let tooLong = Reply(
        title: "That message is too long for me (over \(Normaliser.maximumLength) characters).",
        sections: [Reply.Section(nil, [.text("Ask a short question, e.g. “what are people saying about bins in Ward 4?”")])]
    )

    static func reply(for message: String, nearest: [String], outOfScope: Bool, intents: IntentSet) -> Reply {
        let close = suggestions(for: message, nearest: nearest, intents: intents)
        let suggestions = close.isEmpty ? starters(intents) : close
        let lead = close.isEmpty ? "You could ask, for example:" : "Did you mean:"
        let items: [Reply.Item] = [.text(lead)] + suggestions.map { .bullet($0) } + [.text("Type help to see everything I can answer.")]
        let title = outOfScope
            ? "That's not something I can help with: I answer questions about what people are posting."
            : "Sorry, I didn't understand that."
        return Reply(title: title, sections: [Reply.Section(nil, items)])
    }

    /// The first example of the first intents that ask something, for a message nothing was near.
    static func starters(_ intents: IntentSet) -> [String] {
        intents.intents.filter { !$0.acts && !$0.isFallback }
            .compactMap { intent in
                // A starter stands alone: no "the second one" that needs an earlier answer.
                intent.examples.first { intents.suggestable.contains(intents.normaliser.normalise($0.text)) && $0.slots["post"] == nil && $0.slots["rumour"] == nil }?.text
            }
            .prefix(suggestionCount).map { $0 }
    }

    /// Examples worth offering: never a counter-example of any intent nor one written with a typo, and an action's
    /// examples only when the message already pointed at that action.
    static func suggestions(for message: String, nearest: [String], intents: IntentSet) -> [String] {
        let normalised = intents.normaliser.normalise(message)
        let words = Set(normalised.split(separator: " ").map(String.init))
        let pieces = trigrams(normalised)
        var seen: Set<String> = []
        let scored = intents.intents.filter { !$0.isFallback && (!$0.acts || nearest.contains($0.name)) }.flatMap { intent in
            intent.examples.compactMap { example -> (text: String, score: Double)? in
                let other = intents.normaliser.normalise(example.text)
                guard intents.suggestable.contains(other) else { return nil }
                let otherWords = Set(other.split(separator: " ").map(String.init))
                // The nearest intents, by their cues, come first.
                let boost = nearest.firstIndex(of: intent.name).map { 0.3 - Double($0) * 0.1 } ?? 0
                return (example.text, max(similarity(words, otherWords), similarity(pieces, trigrams(other))) + boost)
            }
        }
        .sorted { $0.score > $1.score }
        .filter { seen.insert($0.text.lowercased()).inserted }
        return scored.filter { $0.score >= 0.2 }.prefix(suggestionCount).map(\.text)
    }

    private static func similarity(_ a: Set<String>, _ b: Set<String>) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        return Double(a.intersection(b).count) / Double(a.union(b).count)
    }

    private static func trigrams(_ text: String) -> Set<String> {
        let padded = Array("  \(text) ")
        guard padded.count >= 3 else { return [] }
        return Set((0...(padded.count - 3)).map { String(padded[$0..<$0 + 3]) })
    }
}
