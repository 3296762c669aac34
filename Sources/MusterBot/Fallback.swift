import MusterIntents

/// The answer when no intent matches: the closest examples by shared words, and a pointer to help. Never silence.
enum Fallback {
    static let suggestionCount = 3

    static func reply(for message: String, intents: IntentSet) -> Reply {
        let normalised = intents.normaliser.normalise(message)
        guard normalised.count <= Normaliser.maximumLength else {
            return Reply(title: "That message is too long for me (over \(Normaliser.maximumLength) characters).",
                         sections: [Reply.Section(nil, [.text("Ask a short question, e.g. “what are people saying about bins in Ward 4?”")])])
        }
        let words = Set(normalised.split(separator: " ").map(String.init))
        let scored = intents.intents.flatMap { intent in
            intent.examples.map { example -> (String, Double) in
                let exampleWords = Set(intents.normaliser.normalise(example.text).split(separator: " ").map(String.init))
                let shared = Double(words.intersection(exampleWords).count)
                return (example.text, shared / Double(max(1, words.union(exampleWords).count)))
            }
        }
        let suggestions = scored.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(suggestionCount).map(\.0)
        var items: [Reply.Item] = suggestions.isEmpty ? [] : [.text("Did you mean:")] + suggestions.map { .bullet($0) }
        items.append(.text("Type help to see everything I can answer."))
        return Reply(title: "Sorry, I didn't understand that.", sections: [Reply.Section(nil, items)])
    }
}
