import MusterIntents

/// "help" and "help rumours": built from the intent files' help lines and examples, never kept by hand.
struct HelpSkill: Skill {
    let intent = "help"
    /// Intents that are conversation, not capabilities.
    static let smallTalk: Set<String> = ["help", "greeting", "thanks"]

    func answer(_ turn: Turn, context: SkillContext) throws -> Answer {
        Answer(reply: reply(subject: turn.slots["subject"]?.lowercased(), context: context), basis: nil)
    }

    private func reply(subject: String?, context: SkillContext) -> Reply {
        let capabilities = context.intents.intents.filter { !Self.smallTalk.contains($0.name) && !$0.isFallback }
        let chosen = subject.map { words in capabilities.filter { Self.mentions($0, words) } } ?? capabilities
        guard !chosen.isEmpty else {
            return Reply(
                title: "Nothing in my help matches “\(subject ?? "")”.",
                sections: [Reply.Section(nil, [.text("Type help to see everything I can answer.")])]
            )
        }
        let sections = chosen.map { intent in
            Reply.Section(intent.help, intent.examples.prefix(3).map { .bullet($0.text) })
        }
        return Reply(
            title: subject.map { "Help on “\($0)”" } ?? "I answer questions about what people are posting in \(context.config.organisation.shortName).",
            sections: sections,
            footer: "Ask in your own words; name a place (a ward, a street) and a time (\"today\", \"last week\") to narrow it down."
        )
    }

    private static func mentions(_ intent: Intent, _ words: String) -> Bool {
        let haystack = ([intent.name.replacingOccurrences(of: "_", with: " "), intent.help] + intent.examples.map(\.text))
            .joined(separator: " ").lowercased()
        return words.split(separator: " ").contains { word in
            haystack.contains(word) || (word.count > 4 && haystack.contains(word.dropLast()))
        }
    }
}
