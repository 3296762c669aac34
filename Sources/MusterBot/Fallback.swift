import MusterIntents

/// The answer when no intent matches: the examples closest to what was typed (by shared words, or by shared
/// three-letter pieces so typos still find their intent), and a pointer to help. Never silence.
enum Fallback {
    static let suggestionCount = 3

    static func reply(for message: String, intents: IntentSet) -> Reply {
        let normalised = intents.normaliser.normalise(message)
        guard normalised.count <= Normaliser.maximumLength else {
            return Reply(title: "That message is too long for me (over \(Normaliser.maximumLength) characters).",
                         sections: [Reply.Section(nil, [.text("Ask a short question, e.g. “what are people saying about bins in Ward 4?”")])])
        }
        let words = Set(normalised.split(separator: " ").map(String.init))
        let pieces = trigrams(normalised)
        var seen: Set<String> = []
        let scored = intents.intents.flatMap { intent in
            intent.examples.map { example -> (text: String, score: Double) in
                let other = intents.normaliser.normalise(example.text)
                let otherWords = Set(other.split(separator: " ").map(String.init))
                return (example.text, max(similarity(words, otherWords), similarity(pieces, trigrams(other))))
            }
        }
        .sorted { $0.score > $1.score }
        .filter { seen.insert($0.text.lowercased()).inserted }
        let close = scored.filter { $0.score >= 0.2 }.prefix(suggestionCount).map(\.text)
        let suggestions = close.isEmpty ? intents.intents.prefix(suggestionCount).compactMap { $0.examples.first?.text } : Array(close)
        let lead = close.isEmpty ? "You could ask, for example:" : "Did you mean:"
        let items: [Reply.Item] = [.text(lead)] + suggestions.map { .bullet($0) } + [.text("Type help to see everything I can answer.")]
        return Reply(title: "Sorry, I didn't understand that.", sections: [Reply.Section(nil, items)])
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
